namespace Testbed.Suite.Reports;

/// <summary>Where the reporting stage wrote a run's results.json, report.md and report.html.</summary>
internal sealed record ReportFiles(string ResultsJson, string Markdown, string Html);
