using System.Globalization;
using System.Text;
using System.Text.Json;
using Testbed.Load.Thresholds;
using Testbed.Views;

namespace Testbed.Load.Capacity;

/// <summary>A capacity search as text (one line per probe, then the answer), as the run record's "capacity" object, and as an HTML page.</summary>
internal static class CapacityReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string ProbeLine(int n, CapacityProbe p) => string.Format(Inv,
        "probe {0,2}: {1,9} req/s offered, {2,9:F1} done/s  p50 {3,9:F1}  p99 {4,9:F1}  max {5,9:F1} ms (corrected)  errors {6}{7}  {8}",
        n, CapacityResult.Rate(p.Rate), p.AchievedRps, p.P50Ms, p.P99Ms, p.MaxMs, p.Errors, p.Dropped > 0 ? $" dropped {p.Dropped}" : "",
        p.Pass ? "pass" : "FAIL: " + p.Why);

    /// <summary>The "capacity" object: the <see cref="CapacityResult"/> as System.Text.Json writes it (camelCase).</summary>
    public static void WriteJson(Utf8JsonWriter w, CapacityResult r)
    {
        w.WriteStartObject("capacity");
        w.WriteString("slo", r.Slo);
        w.WriteStartObject("bracket");
        Number(w, "low", r.Bracket.Low);
        Number(w, "high", r.Bracket.High);
        w.WriteEndObject();
        w.WriteString("stop", r.Stop);
        w.WriteNumber("searchSeconds", r.SearchSeconds);
        w.WriteStartArray("probes");
        foreach (var p in r.Probes)
        {
            w.WriteStartObject();
            w.WriteNumber("rate", p.Rate);
            w.WriteNumber("achievedRps", p.AchievedRps);
            w.WriteNumber("seconds", p.Seconds);
            w.WriteNumber("started", p.Started);
            w.WriteNumber("completed", p.Completed);
            w.WriteNumber("errors", p.Errors);
            w.WriteNumber("dropped", p.Dropped);
            w.WriteNumber("p50Ms", p.P50Ms);
            w.WriteNumber("p90Ms", p.P90Ms);
            w.WriteNumber("p99Ms", p.P99Ms);
            w.WriteNumber("p999Ms", p.P999Ms);
            w.WriteNumber("maxMs", p.MaxMs);
            ThresholdReport.WriteJson(w, p.Slo, "slo");
            w.WriteBoolean("pass", p.Pass);
            if (p.Why is null) w.WriteNull("why"); else w.WriteString("why", p.Why);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Number(w, "answer", r.Answer);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x) w.WriteNumber(name, x); else w.WriteNull(name);
    }

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
