using Testbed.Suite.Results;

namespace Testbed.Suite.Reports;

/// <summary>Writes results.json, report.md and report.html into a run's directory (the raw run files are already there).</summary>
internal static class ReportSet
{
    /// <summary>Writes the three files; returns where they are.</summary>
    public static ReportFiles WriteAll(SuiteResult suite, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new ReportFiles(Path.Combine(directory, "results.json"), Path.Combine(directory, "report.md"), Path.Combine(directory, "report.html"));
        File.WriteAllText(files.ResultsJson, ResultsJsonWriter.Render(suite));
        File.WriteAllText(files.Markdown, MarkdownReportWriter.Render(suite));
        File.WriteAllText(files.Html, HtmlReportWriter.Render(suite));
        return files;
    }

    /// <summary>The summary table of every claim and where the reports are, as the console's last lines.</summary>
    public static void PrintSummary(SuiteResult suite, ReportFiles files, TextWriter console)
    {
        console.WriteLine();
        console.Write(ConsoleSummaryWriter.Render(suite));
        console.WriteLine($"reports: {files.Markdown}, {files.Html}, results.json");
    }
}
