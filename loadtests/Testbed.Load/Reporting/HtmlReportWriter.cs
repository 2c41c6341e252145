using System.Globalization;
using System.Text;
using Testbed.Load.Stats;
using Testbed.Views;

namespace Testbed.Load.Reporting;

/// <summary>
/// <c>--html FILE</c>: one run as a self-contained page (inline CSS and SVG, no script), like
/// Locust's and k6's HTML exports: the summary, the time series, the latency percentile
/// distribution on a nines axis, and the failures by kind.
/// </summary>
internal static class HtmlReportWriter
{
    public static string Render(RunRecord run)
    {
        var s = run.Statistics;
        var c = s.Counts;
        var b = HtmlPage.Open($"testbed-load {run.Profile}: {run.TargetUrl}");
        b.Append("<p><code>").Append(HtmlPage.E(run.CommandLine)).Append("</code></p>\n");
        if (run.Interrupted)
        {
            b.Append("<p class=\"worse\">Interrupted: in-flight requests were cut off and count as aborted.</p>\n");
        }

        if (run.Thresholds is { } thresholds) Thresholds.ThresholdReport.AppendHtml(b, thresholds);
        b.Append("<h2>Summary</h2>\n");
        HtmlPage.Table(b, Summary(run));
        b.Append("<table><tr><th>latency (ms)</th><th>count</th><th>min</th><th>mean</th><th>stdev</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr>");
        LatencyRow(b, "total", s.Total);
        LatencyRow(b, "connect", s.Connect);
        LatencyRow(b, "waiting", s.Waiting);
        if (s.Corrected is not null)
        {
            LatencyRow(b, "corrected (from intended send time)", s.Corrected);
        }

        b.Append("</table>\n");

        b.Append("<h2>Latency distribution</h2>\n");
        var curves = new List<ChartSeries> { new("total", PercentileCurve.Points(s.Total.Hdr)) };
        if (s.Corrected is not null)
        {
            curves.Add(new ChartSeries("corrected for coordinated omission", PercentileCurve.Points(s.Corrected.Hdr), Dashed: true));
        }

        b.Append(SvgChart.Percentiles("Latency by percentile", curves)).Append('\n');

        if (s.TimeSeries.Count > 0)
        {
            b.Append("<h2>Over time</h2>\n");
            var t = s.TimeSeries;
            b.Append(SvgChart.Lines("Completed requests per second", "req/s", [Series("requests/s", t, p => p.Rps)])).Append('\n');
            b.Append(SvgChart.Lines("Latency per second", "ms", [
                Series("p50", t, p => p.Completed + p.Non2xx > 0 ? p.P50Ms : double.NaN),
                Series("p95", t, p => p.Completed + p.Non2xx > 0 ? p.P95Ms : double.NaN),
                Series("p99", t, p => p.Completed + p.Non2xx > 0 ? p.P99Ms : double.NaN),
            ])).Append('\n');
            b.Append(SvgChart.Lines("Active users and requests in flight", "", [Series("users", t, p => p.Users), Series("in flight", t, p => p.InFlight) with { Dashed = true }])).Append('\n');
            b.Append(SvgChart.Lines("Errors per second", "", [Series("failed", t, p => p.Failed), Series("non-2xx", t, p => p.Non2xx)])).Append('\n');
        }

        b.Append("<h2>Errors</h2>\n");
        var kinds = c.FailedByKind.Where(kv => kv.Value > 0).Select(kv => (kv.Key, (double)kv.Value)).ToList();
        if (c.Non2xx > 0)
        {
            kinds.Add(("non-2xx responses", c.Non2xx));
        }

        b.Append(kinds.Count == 0 ? "<p>None: every request completed with 2xx or 3xx.</p>\n" : SvgChart.Bars("Errors by kind", "requests", kinds) + "\n");
        if (s.ServedBy.Count > 0)
        {
            b.Append("<h2>Served by</h2>\n").Append(SvgChart.Bars("Responses by X-Served-By", "responses", s.ServedBy.Take(20).Select(kv => (kv.Key, (double)kv.Value)).ToList())).Append('\n');
        }

        return HtmlPage.Close(b);
    }

    private static IEnumerable<(string, string)> Summary(RunRecord run)
    {
        var inv = CultureInfo.InvariantCulture;
        var c = run.Statistics.Counts;
        yield return ("started", run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", inv));
        yield return ("duration", string.Format(inv, "{0:F3} s", run.DurationSeconds));
        yield return ("parameters", string.Join(", ", run.Parameters.Where(p => p.Value is not null).Select(p => $"{p.Key}={Convert.ToString(p.Value, inv)}")));
        yield return ("seed", run.Seed.ToString(inv));
        yield return ("requests", $"started {c.Started} = completed {c.Completed} + non-2xx {c.Non2xx} + failed {c.Failed}" + (c.Dropped > 0 ? $"; dropped {c.Dropped}" : ""));
        yield return ("throughput", string.Format(inv, "{0:F2} completed/s", run.Rps));
        yield return ("transferred", $"{run.Statistics.TotalBytes} bytes ({run.Statistics.BodyBytes} body)");
        if (run.ServerSoftware is not null)
        {
            yield return ("server", run.ServerSoftware);
        }
    }

    private static void LatencyRow(StringBuilder b, string label, LatencyHistogram h)
    {
        var l = LatencySummary.From(h);
        b.Append("<tr><td>").Append(HtmlPage.E(label)).Append("</td><td class=\"n\">").Append(l.Count.ToString(CultureInfo.InvariantCulture)).Append("</td>");
        foreach (var v in new[] { l.MinMs, l.MeanMs, l.StdevMs, l.P50Ms, l.P90Ms, l.P95Ms, l.P99Ms, l.P999Ms, l.MaxMs })
        {
            b.Append("<td class=\"n\">").Append(v.ToString("F3", CultureInfo.InvariantCulture)).Append("</td>");
        }

        b.Append("</tr>");
    }

    private static ChartSeries Series(string name, IReadOnlyList<TimeSeriesPoint> points, Func<TimeSeriesPoint, double> value) =>
        new(name, points.Select(p => ((double)p.Second, value(p))).ToList());
}
