using System.Text;
using Testbed.Suite.Results;

namespace Testbed.Suite.Reports;

/// <summary>The summary table of every claim that ends the console output: fixed-width, one line per claim.</summary>
internal static class ConsoleSummaryWriter
{
    public static string Render(SuiteResult suite)
    {
        var rows = suite.AllClaims.Select(c => (c.Experiment, c.Id, c.Verdict, c.Detail)).ToList();
        foreach (var failed in suite.Experiments.Where(e => e.Status == ExperimentStatuses.Failed && e.Claims.Count == 0))
        {
            rows.Add((failed.Id, "(experiment)", "failed", failed.FailureReason ?? ""));
        }

        var idWidth = Math.Max(5, rows.Select(r => r.Id.Length).DefaultIfEmpty(0).Max());
        var builder = new StringBuilder();
        builder.AppendLine("Summary of claims");
        builder.AppendLine($"{"exp",-4} {"claim".PadRight(idWidth)} {"verdict",-15} numbers");
        builder.AppendLine(new string('-', 4 + 1 + idWidth + 1 + 15 + 1 + 40));
        foreach (var (experiment, id, verdict, detail) in rows)
        {
            var numbers = detail.Length > 110 ? detail[..110] + "…" : detail;
            builder.AppendLine($"{experiment,-4} {id.PadRight(idWidth)} {verdict,-15} {numbers}");
        }

        Limits(builder, suite);
        builder.AppendLine(ReportText.Totals(suite));
        if (ReportText.LimitTotals(suite) is { } limits)
        {
            builder.AppendLine(limits);
        }

        return builder.ToString();
    }

    /// <summary>The limits graded as the sources explain them, in a table of their own (counted apart from the claims).</summary>
    private static void Limits(StringBuilder builder, SuiteResult suite)
    {
        var rows = suite.Experiments.SelectMany(e => ReportText.LimitGrades(e).Select(g => (e.Id, g.Step, Limit: $"{g.Expected} / {g.Measured}", g.Verdict, g.Detail))).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var stepWidth = Math.Max(4, rows.Max(r => r.Step.Length));
        var limitWidth = Math.Max(19, rows.Max(r => r.Limit.Length));
        builder.AppendLine("Limits as the sources explain");
        builder.AppendLine($"{"exp",-4} {"step".PadRight(stepWidth)} {"expected / measured".PadRight(limitWidth)} {"verdict",-15} evidence");
        builder.AppendLine(new string('-', 4 + 1 + stepWidth + 1 + limitWidth + 1 + 15 + 1 + 40));
        foreach (var (experiment, step, limit, verdict, detail) in rows)
        {
            var evidence = detail.Length > 110 ? detail[..110] + "…" : detail;
            builder.AppendLine($"{experiment,-4} {step.PadRight(stepWidth)} {limit.PadRight(limitWidth)} {verdict,-15} {evidence}");
        }
    }
}
