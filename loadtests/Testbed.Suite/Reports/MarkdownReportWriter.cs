using System.Globalization;
using System.Text;
using Testbed.Suite.Claims;
using Testbed.Suite.Measurement;
using Testbed.Suite.Results;

namespace Testbed.Suite.Reports;

/// <summary>report.md: per experiment the parameters, roles, checks, loads with server cost, figures beside the source's, verdicts and the explanation; then the summary of all claims.</summary>
internal static class MarkdownReportWriter
{
    public static string Render(SuiteResult suite)
    {
        var b = new StringBuilder();
        b.AppendLine("# Testbed comparison suite");
        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"Run {suite.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {suite.Mode} parameters, {suite.Targets} targets, on {suite.Machine}.");
        if (suite.Cores.Length > 0)
        {
            b.AppendLine();
            b.AppendLine($"Cores: {suite.Cores}.");
        }
        b.AppendLine();
        b.AppendLine(ReportText.Totals(suite));
        LimitTotals(b, suite);
        foreach (var e in suite.Experiments)
        {
            Experiment(b, e);
        }

        b.AppendLine();
        b.AppendLine("## Summary of claims");
        Table(b, suite.AllClaims.ToList(), "| experiment | claim | verdict | numbers |", "|---|---|---|---|",
            c => $"| {c.Experiment} | {Cell(c.Text)} | **{c.Verdict}** | {Cell(c.Detail)} |");
        Table(b, suite.Experiments.SelectMany(e => ReportText.LimitGrades(e).Select(g => (e.Id, g))).ToList(),
            "| experiment | limit as the source explains | expected | measured | verdict | numbers |", "|---|---|---|---|---|---|",
            r => $"| {r.Id} | {Cell(r.g.Step)} | {r.g.Expected} | {r.g.Measured} | **{r.g.Verdict}** | {Cell(r.g.Detail)} |");

        b.AppendLine();
        b.AppendLine(ReportText.Totals(suite));
        LimitTotals(b, suite);
        return b.ToString();
    }

    private static void Experiment(StringBuilder b, ExperimentResult e)
    {
        b.AppendLine();
        b.AppendLine($"## {ReportText.Heading(e)}");
        b.AppendLine();
        b.AppendLine(Cell(ReportText.SourceAndStatus(e)));
        if (e.QuickNote is not null)
        {
            b.AppendLine();
            b.AppendLine($"> Quick run: {e.QuickNote}");
        }

        if (e.SetupNote is not null)
        {
            b.AppendLine();
            b.AppendLine($"> Set-up: {e.SetupNote}");
        }

        foreach (var warning in e.Warnings)
        {
            b.AppendLine();
            b.AppendLine($"> **Warning:** {warning}");
        }

        Table(b, e.Roles, "| role | command | CPU limit |", "|---|---|---|",
            role => $"| {role.Name} | `{role.CommandLine}` | {ReportText.CpuLimit(role)} |");

        if (e.Checks.Count > 0)
        {
            b.AppendLine();
            b.AppendLine("Verification:");
            b.AppendLine();
            foreach (var check in e.Checks)
            {
                b.AppendLine($"- {(check.Passed ? "ok" : "**FAILED**")}: {check.Name}: {check.Detail}");
            }
        }

        if (e.Steps.Count > 0)
        {
            b.AppendLine();
            b.AppendLine("| step | " + string.Join(" | ", ReportText.StepColumns.Select(c => c.Heading)) + " | limit |");
            b.AppendLine("|---|" + string.Concat(ReportText.StepColumns.Select(_ => "---:|")) + "---|");
            foreach (var step in e.Steps)
            {
                var cells = ReportText.StepProblem(step) is { } problem
                    ? [Cell(problem), .. ReportText.StepColumns.Skip(1).Select(_ => "")]
                    : ReportText.StepColumns.Select(c => ReportText.Metric(step, c.Metric));
                b.AppendLine($"| {Cell(step.Label)} | {string.Join(" | ", cells)} | {ReportText.LimitCell(step)} |");
            }

            var limits = e.Steps.Where(s => s.Limit is { Kind: not LimitKinds.Unmeasured }).ToList();
            if (limits.Count > 0)
            {
                b.AppendLine();
                b.AppendLine("Limits (what bounded each step's kept run):");
                b.AppendLine();
                foreach (var step in limits)
                {
                    b.AppendLine($"- {Cell(step.Label)}: {Cell(ReportText.Limit(step.Limit!))}");
                }
            }

            b.AppendLine();
            b.AppendLine("Commands (each step's raw JSON is in `raw/`):");
            b.AppendLine();
            foreach (var step in e.Steps)
            {
                var repeats = ReportText.Runs(step);
                b.AppendLine($"- {Cell(step.Label)}: `{step.CommandLine}`{(step.Capacity is null ? "" : " — " + Cell(ReportText.Capacity(step.Capacity)))}{repeats}{Cell(ReportText.Costs(step))}{Cell(ReportText.Generators(step.Generators))}");
            }
        }

        Table(b, e.Figures, "| figure | source | measured |", "|---|---:|---:|", f =>
        {
            var unit = f.Unit.Length > 0 ? " " + f.Unit : "";
            var reported = f.ReportedText ?? ReportText.Figure(f.Reported) + (f.Reported is null ? "" : unit);
            var measured = f.Measured is null ? "—" : ReportText.Figure(f.Measured) + unit;
            return $"| {Cell(f.Label)} | {Cell(reported)} | {measured} |";
        });
        Table(b, e.Claims, "| claim | expression | verdict | numbers |", "|---|---|---|---|",
            c => $"| {Cell(c.Text)} | `{c.Expr}` | **{c.Verdict}** | {Cell(c.Detail)} |");
        Table(b, ReportText.LimitGrades(e), "| limit as the source explains | expected | measured | verdict | numbers |", "|---|---|---|---|---|",
            g => $"| {Cell(g.Step)} | {g.Expected} | {g.Measured} | **{g.Verdict}** | {Cell(g.Detail)} |");
        Table(b, e.Expectations, "| analytic expectation | expected | measured | measured / expected |", "|---|---:|---:|---:|", x =>
        {
            var unit = x.Unit.Length > 0 ? " " + x.Unit : "";
            return x.Error is null
                ? $"| {Cell(x.Text)} | {NumberFormat.Short(x.Expected)}{unit} | {NumberFormat.Short(x.Measured)}{unit} | {ReportText.Ratio(x)} |"
                : $"| {Cell(x.Text)} | — | — | {Cell(x.Error)} |";
        });

        if (e.Explanation.Length > 0)
        {
            b.AppendLine();
            b.AppendLine($"Why: {e.Explanation}");
        }
    }

    private static void LimitTotals(StringBuilder b, SuiteResult suite)
    {
        if (ReportText.LimitTotals(suite) is { } limits)
        {
            b.AppendLine();
            b.AppendLine(limits);
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("<", "&lt;").ReplaceLineEndings(" ");

    /// <summary>A markdown table after a blank line, or nothing when there are no rows.</summary>
    private static void Table<T>(StringBuilder b, IReadOnlyCollection<T> rows, string header, string separator, Func<T, string> row)
    {
        if (rows.Count == 0)
        {
            return;
        }

        b.AppendLine();
        b.AppendLine(header);
        b.AppendLine(separator);
        foreach (var r in rows)
        {
            b.AppendLine(row(r));
        }
    }
}
