using System.Globalization;
using System.Text;
using Testbed.Load.Thresholds;
using Testbed.Views;

namespace Testbed.Load.Capacity;

/// <summary>A capacity search as text (one line per probe, then the answer), and as an HTML page (the run record holds <see cref="CapacityResult.ToDocument"/>).</summary>
internal static class CapacityReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string ProbeLine(int n, CapacityProbe p) => string.Format(Inv,
        "probe {0,2}: {1,9} req/s offered, {2,9:F1} done/s  p50 {3,9:F1}  p99 {4,9:F1}  max {5,9:F1} ms (corrected)  errors {6}{7}  {8}",
        n, CapacityResult.Rate(p.Rate), p.AchievedRps, p.P50Ms, p.P99Ms, p.MaxMs, p.Errors, p.Dropped > 0 ? $" dropped {p.Dropped}" : "",
        p.Pass ? "pass" : "FAIL: " + p.Why);

    /// <summary>
    /// The page: the answer, the probes in the order they ran, and corrected latency percentiles
    /// against the offered rate, with the SLO's latency limits drawn flat: the knee is where the
    /// curves leave the flat part and cross the limit.
    /// </summary>
    public static string RenderHtml(CapacityResult r, string commandLine, string target)
    {
        var b = HtmlPage.Open($"testbed-load capacity: {target}");
        b.Append("<p><code>").Append(HtmlPage.E(commandLine)).Append("</code></p>\n");
        b.Append("<p><strong>").Append(HtmlPage.E(r.Sentence)).Append("</strong> (")
            .Append(r.Probes.Count.ToString(Inv)).Append(" probes in ").Append(r.SearchSeconds.ToString("F1", Inv)).Append(" s; stopped: ")
            .Append(HtmlPage.E(r.Stop)).Append(")</p>\n");
        var sorted = r.Probes.OrderBy(p => p.Rate).ToList();
        if (sorted.Count > 0)
        {
            double lo = sorted[0].Rate, hi = sorted[^1].Rate;
            var series = new List<ChartSeries>
            {
                Curve("p50", sorted, p => p.P50Ms),
                Curve("p90", sorted, p => p.P90Ms),
                Curve("p99", sorted, p => p.P99Ms),
                Curve("p99.9", sorted, p => p.P999Ms),
            };
            foreach (var limit in SloLatencies(r))
                series.Add(new ChartSeries("SLO " + limit.Name, [(lo, limit.Ms), (hi, limit.Ms)], Dashed: true));
            b.Append(SvgChart.LinesAgainst("Latency corrected for coordinated omission against offered rate", "ms", "offered req/s", series)).Append('\n');
        }
        b.Append("<h2>Probes</h2>\n<table><tr><th>#</th><th>offered req/s</th><th>completed/s</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max (ms)</th><th>errors</th><th>dropped</th><th>result</th></tr>");
        int n = 0;
        foreach (var p in r.Probes)
        {
            b.Append("<tr><td class=\"n\">").Append((++n).ToString(Inv)).Append("</td>");
            foreach (var v in new[] { p.Rate, p.AchievedRps, p.P50Ms, p.P90Ms, p.P99Ms, p.P999Ms, p.MaxMs, p.Errors, p.Dropped })
                b.Append("<td class=\"n\">").Append(v.ToString("0.###", Inv)).Append("</td>");
            b.Append(p.Pass ? "<td>pass</td>" : "<td class=\"worse\">FAIL: " + HtmlPage.E(p.Why ?? "") + "</td>").Append("</tr>");
        }
        b.Append("</table>\n");
        return HtmlPage.Close(b);
    }

    private static IEnumerable<(string Name, double Ms)> SloLatencies(CapacityResult r) =>
        ThresholdParser.ParseList(r.Slo, "--slo").Where(t => t.IsLatency).Select(t => (t.Text, t.Limit));

    private static ChartSeries Curve(string name, IReadOnlyList<CapacityProbe> probes, Func<CapacityProbe, double> value) =>
        new(name, [.. probes.Select(p => (p.Rate, value(p)))]);
}
