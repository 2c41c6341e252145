using System.Globalization;
using System.Net;
using System.Text;
using Testbed.Suite.Claims;
using Testbed.Suite.Results;
using Testbed.Suite.Measurement;
using Testbed.Views;

namespace Testbed.Suite.Reports;

/// <summary>
/// report.html: the Markdown report's content plus charts, in one self-contained file (inline CSS
/// and SVG, no script, no external resource) that can be mailed or opened offline.
/// </summary>
internal static class HtmlReportWriter
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
        table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:3px 7px;vertical-align:top}
        th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .reproduced{color:#176d17;font-weight:600}.not-reproduced{color:#b00;font-weight:600}.not-evaluated{color:#8a6d00;font-weight:600}
        .failed{color:#b00}code{background:#f6f6f6;padding:0 3px;font-size:12px;word-break:break-all}
        .why{background:#f7f9fc;border-left:3px solid #1f77b4;padding:.4em .8em}.warn{background:#fff4e0;padding:.3em .6em}
        .charts{display:flex;flex-wrap:wrap;gap:0 1em}
        """;

    public static string Render(SuiteResult suite)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Testbed comparison suite</title><style>").Append(Style).Append(SvgChart.Css).Append("</style></head><body>\n");
        b.Append("<h1>Testbed comparison suite</h1>\n");
        b.Append(CultureInfo.InvariantCulture, $"<p>Run {suite.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {E(suite.Mode)} parameters, {E(suite.Targets)} targets, on {E(suite.Machine)}.</p>\n");
        if (suite.Cores.Length > 0)
        {
            b.Append($"<p>Cores: {E(suite.Cores)}.</p>\n");
        }
        b.Append($"<p><b>{E(ReportText.Totals(suite))}</b></p>\n");
        LimitTotals(b, suite);
        b.Append("<ul>");
        foreach (var e in suite.Experiments)
        {
            var counts = $"{e.Claims.Count(c => c.Verdict == Verdicts.Reproduced)}/{e.Claims.Count} reproduced";
            b.Append($"<li><a href=\"#{E(e.Id)}\">{E(ReportText.Heading(e))}</a>: {(e.Status == ExperimentStatuses.Ran ? counts : "<span class=\"failed\">failed</span>")}</li>");
        }

        b.Append("</ul>\n");
        foreach (var e in suite.Experiments)
        {
            Experiment(b, e);
        }

        b.Append("<h2 id=\"summary\">Summary of claims</h2>\n");
        ClaimTable(b, suite.AllClaims, withExperiment: true);
        LimitTable(b, suite.Experiments.SelectMany(e => ReportText.LimitGrades(e).Select(g => (e.Id, g))), withExperiment: true);
        b.Append($"<p><b>{E(ReportText.Totals(suite))}</b></p>\n");
        LimitTotals(b, suite);
        b.Append("</body></html>\n");
        return b.ToString();
    }

    private static void Experiment(StringBuilder b, ExperimentResult e)
    {
        b.Append($"<h2 id=\"{E(e.Id)}\">{E(ReportText.Heading(e))}</h2>\n");
        b.Append($"<p class=\"{(e.Status == ExperimentStatuses.Ran ? "ran" : "failed")}\">{E(ReportText.SourceAndStatus(e))}</p>\n");
        if (e.QuickNote is not null)
        {
            b.Append($"<p class=\"warn\">Quick run: {E(e.QuickNote)}</p>\n");
        }

        if (e.SetupNote is not null)
        {
            b.Append($"<p>Set-up: {E(e.SetupNote)}</p>\n");
        }

        foreach (var warning in e.Warnings)
        {
            b.Append($"<p class=\"warn\"><b>Warning:</b> {E(warning)}</p>\n");
        }

        if (e.Roles.Count > 0)
        {
            b.Append("<table><tr><th>role</th><th>command</th><th>CPU limit</th></tr>");
            foreach (var role in e.Roles)
            {
                b.Append($"<tr><td>{E(role.Name)}</td><td><code>{E(role.CommandLine)}</code></td><td>{E(ReportText.CpuLimit(role))}</td></tr>");
            }

            b.Append("</table>\n");
        }

        if (e.Checks.Count > 0)
        {
            b.Append("<details><summary>Verification: ")
                .Append(e.Checks.All(c => c.Passed) ? $"{e.Checks.Count} checks passed" : "<span class=\"failed\">failed</span>")
                .Append("</summary><ul>");
            foreach (var check in e.Checks)
            {
                b.Append($"<li>{(check.Passed ? "ok" : "<b class=\"failed\">FAILED</b>")}: {E(check.Name)}: {E(check.Detail)}</li>");
            }

            b.Append("</ul></details>\n");
        }

        if (e.Steps.Count > 0)
        {
            b.Append("<table><tr><th>step</th>");
            foreach (var (_, heading) in ReportText.StepColumns)
            {
                b.Append($"<th>{E(heading)}</th>");
            }

            b.Append("<th>limit</th></tr>");
            foreach (var step in e.Steps)
            {
                b.Append($"<tr><td title=\"{E(step.CommandLine)}\">{E(step.Label)}</td>");
                if ((step.Error ?? step.NotEvaluated) is { } problem)
                {
                    b.Append($"<td colspan=\"{ReportText.StepColumns.Length}\" class=\"failed\">{E(problem)}</td>");
                }
                else
                {
                    foreach (var (metric, _) in ReportText.StepColumns)
                    {
                        b.Append($"<td class=\"n\">{E(ReportText.Metric(step, metric))}</td>");
                    }
                }

                b.Append(step.Limit is { Kind: not LimitKinds.Unmeasured } limit ? $"<td title=\"{E(ReportText.Limit(limit))}\">{E(ReportText.LimitCell(step))}</td>" : "<td>—</td>");
                b.Append("</tr>");
            }

            b.Append("</table>\n");
            var limits = e.Steps.Where(s => s.Limit is { Kind: not LimitKinds.Unmeasured }).ToList();
            if (limits.Count > 0)
            {
                b.Append("<p>Limits (what bounded each step's kept run):</p><ul>");
                foreach (var step in limits)
                {
                    b.Append($"<li>{E(step.Label)}: {E(ReportText.Limit(step.Limit!))}</li>");
                }

                b.Append("</ul>\n");
            }

            b.Append("<details><summary>Commands</summary><ul>");
            foreach (var step in e.Steps)
            {
                var repeats = ReportText.Runs(step);
                b.Append($"<li>{E(step.Label)}: <code>{E(step.CommandLine)}</code>{(step.Capacity is null ? "" : " — <strong>" + E(ReportText.Capacity(step.Capacity)) + "</strong>")}{E(repeats)}{E(ReportText.Costs(step))}{E(ReportText.Generators(step.Generators))} — raw: {string.Join(", ", step.RawFiles.Select(f => $"<a href=\"{E(f)}\">{E(f)}</a>"))}</li>");
            }

            b.Append("</ul></details>\n");
            Charts(b, e);
        }

        if (e.Figures.Count > 0)
        {
            b.Append("<table><tr><th>figure</th><th>source</th><th>measured</th></tr>");
            foreach (var f in e.Figures)
            {
                var unit = f.Unit.Length > 0 ? " " + f.Unit : "";
                var reported = f.ReportedText ?? ReportText.Figure(f.Reported) + (f.Reported is null ? "" : unit);
                var measured = f.Measured is null ? "—" : ReportText.Figure(f.Measured) + unit;
                b.Append($"<tr><td>{E(f.Label)}</td><td class=\"n\">{E(reported)}</td><td class=\"n\">{E(measured)}</td></tr>");
            }

            b.Append("</table>\n");
        }

        if (e.Claims.Count > 0)
        {
            ClaimTable(b, e.Claims, withExperiment: false);
        }

        LimitTable(b, ReportText.LimitGrades(e).Select(g => (e.Id, g)), withExperiment: false);

        if (e.Expectations.Count > 0)
        {
            b.Append("<table><tr><th>analytic expectation</th><th>expected</th><th>measured</th><th>measured / expected</th></tr>");
            foreach (var x in e.Expectations)
            {
                var unit = x.Unit.Length > 0 ? " " + x.Unit : "";
                b.Append(x.Error is null
                    ? $"<tr><td>{E(x.Text)}</td><td class=\"n\">{E(NumberFormat.Short(x.Expected) + unit)}</td><td class=\"n\">{E(NumberFormat.Short(x.Measured) + unit)}</td><td class=\"n\">{E(ReportText.Ratio(x))}</td></tr>"
                    : $"<tr><td>{E(x.Text)}</td><td colspan=\"3\">{E(x.Error)}</td></tr>");
            }

            b.Append("</table>\n");
        }

        if (e.Explanation.Length > 0)
        {
            b.Append($"<p class=\"why\"><b>Why.</b> {E(e.Explanation)}</p>\n");
        }
    }

    private static void Charts(StringBuilder b, ExperimentResult e)
    {
        var ran = e.Steps.Where(s => s.Error is null && s.Metrics.Count > 0).ToList();
        if (ran.Count == 0)
        {
            return;
        }

        b.Append("<div class=\"charts\">");
        foreach (var metric in e.Charts.Bars)
        {
            var bars = ran.Select(s => (s.Label, s.Metrics.GetValueOrDefault(metric, double.NaN))).ToList();
            if (bars.All(x => double.IsNaN(x.Item2)))
            {
                continue;
            }

            var (title, unit) = BarTitle(metric);
            b.Append(SvgChart.Bars(title, unit, bars));
        }

        b.Append("</div>\n");
        var curves = ran.Select((s, i) => (Step: s, Histogram: PercentileCurve.TryDecode(s.LatencyHistogram), Colour: i))
            .Where(x => x.Histogram is not null)
            .Select(x => new ChartSeries(x.Step.Label, PercentileCurve.Points(x.Histogram!), Colour: x.Colour)).ToList();
        if (curves.Count > 0)
        {
            b.Append(SvgChart.Percentiles("Latency by percentile, each step's kept run", curves)).Append('\n');
        }

        if (e.Charts.TimeSeries && ran.Any(s => s.TimeSeries.Count > 0))
        {
            b.Append(SvgChart.Lines("Requests per second", "req/s", ran.Select((s, i) => Series(s.Label, s.TimeSeries, p => p.Rps) with { Colour = i }).ToList()));
            b.Append(SvgChart.Lines("Mean (solid) and p95 (dashed) latency", "ms",
                ran.SelectMany((s, i) => new[] { Series(s.Label + " mean", s.TimeSeries, p => p.Completed > 0 ? p.MeanMs : double.NaN) with { Colour = i }, Series(s.Label + " p95", s.TimeSeries, p => p.Completed > 0 ? p.P95Ms : double.NaN) with { Dashed = true, Colour = i } }).ToList()));
            b.Append(SvgChart.Lines("Active users", "", ran.Select((s, i) => Series(s.Label, s.TimeSeries, p => p.Users) with { Colour = i }).ToList()));
            b.Append(SvgChart.Lines("Errors per second", "failed + non-2xx", ran.Select((s, i) => Series(s.Label, s.TimeSeries, p => p.Failed + p.Non2xx) with { Colour = i }).ToList()));
        }
    }

    private static ChartSeries Series(string name, IReadOnlyList<TimeSeriesPointDocument> points, Func<TimeSeriesPointDocument, double> value) =>
        new(name, points.Select(p => ((double)p.Second, value(p))).ToList());

    private static (string Title, string Unit) BarTitle(string metric) => metric switch
    {
        "rps" => ("Requests per second", "req/s"),
        "mean" => ("Mean time per request", "ms"),
        "p99" => ("99th percentile latency", "ms"),
        "peakRps" => ("Peak requests per second (3 s average)", "req/s"),
        "sustainedRps" => ("Sustained requests per second (90th percentile of the seconds)", "req/s"),
        "cpuMsPerRequest" => ("Server CPU per request", "ms"),
        _ => (StepMetrics.Descriptions.GetValueOrDefault(metric, metric), ""),
    };

    private static void ClaimTable(StringBuilder b, IEnumerable<ClaimResult> claims, bool withExperiment)
    {
        b.Append("<table><tr>").Append(withExperiment ? "<th>experiment</th>" : "").Append("<th>claim</th><th>expression</th><th>verdict</th><th>numbers</th></tr>");
        foreach (var c in claims)
        {
            var css = c.Verdict.Replace(' ', '-');
            b.Append("<tr>").Append(withExperiment ? $"<td><a href=\"#{E(c.Experiment)}\">{E(c.Experiment)}</a></td>" : "")
                .Append($"<td>{E(c.Text)}</td><td><code>{E(c.Expr)}</code></td><td class=\"{css}\">{E(c.Verdict)}</td><td>{E(c.Detail)}</td></tr>");
        }

        b.Append("</table>\n");
    }

    /// <summary>The limits graded as the sources explain them: a table like the claims', its first column saying "limit".</summary>
    private static void LimitTable(StringBuilder b, IEnumerable<(string Id, (string Step, string Expected, string Measured, string Verdict, string Detail) g)> rows, bool withExperiment)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        b.Append("<table><tr>").Append(withExperiment ? "<th>experiment</th>" : "").Append("<th>limit as the source explains</th><th>expected</th><th>measured</th><th>verdict</th><th>numbers</th></tr>");
        foreach (var (id, g) in list)
        {
            b.Append("<tr>").Append(withExperiment ? $"<td><a href=\"#{E(id)}\">{E(id)}</a></td>" : "")
                .Append($"<td>{E(g.Step)}</td><td>{E(g.Expected)}</td><td>{E(g.Measured)}</td><td class=\"{g.Verdict.Replace(' ', '-')}\">{E(g.Verdict)}</td><td>{E(g.Detail)}</td></tr>");
        }

        b.Append("</table>\n");
    }

    private static void LimitTotals(StringBuilder b, SuiteResult suite)
    {
        if (ReportText.LimitTotals(suite) is { } limits)
        {
            b.Append($"<p><b>{E(limits)}</b></p>\n");
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
