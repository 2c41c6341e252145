using Testbed.Suite.Results;

namespace Testbed.Suite.Reports;

/// <summary>Writes results.json, report.md and report.html into a run's directory (the raw run files are already there).</summary>
internal static class ReportSet
{
    public static void WriteAll(SuiteResult suite, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "results.json"), ResultsJsonWriter.Render(suite));
        File.WriteAllText(Path.Combine(directory, "report.md"), MarkdownReportWriter.Render(suite));
        File.WriteAllText(Path.Combine(directory, "report.html"), HtmlReportWriter.Render(suite));
    }

    /// <summary>The summary table of every claim and where the reports are, as the console's last lines.</summary>
    public static void PrintSummary(SuiteResult suite, string directory, TextWriter console)
    {
        console.WriteLine();
        console.Write(ConsoleSummaryWriter.Render(suite));
        console.WriteLine($"reports: {Path.Combine(directory, "report.md")}, {Path.Combine(directory, "report.html")}, results.json");
    }
}
