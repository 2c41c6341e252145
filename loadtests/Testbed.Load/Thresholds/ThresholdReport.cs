using System.Globalization;
using System.Text;
using System.Text.Json;
using Testbed.Views;

namespace Testbed.Load.Thresholds;

/// <summary>The thresholds' results in the text summary, the HTML report and the run record ("thresholds").</summary>
internal static class ThresholdReport
{
    public static string Measured(ThresholdResult r) =>
        r.Measured is not { } m ? "none" : m.ToString("0.###", CultureInfo.InvariantCulture) + (r.Unit.Length == 0 ? "" : r.Unit == "%" ? "%" : " " + r.Unit);

    public static string Line(ThresholdResult r) =>
        $"{(r.Pass ? "pass" : "FAIL")}  {r.Expression,-22} measured {Measured(r)}{(r.AbortedRun ? "  (stopped the run: --abort-on-fail)" : "")}";

    public static void WriteText(TextWriter w, IReadOnlyList<ThresholdResult> results)
    {
        w.WriteLine();
        w.WriteLine($"Thresholds:   {results.Count(r => r.Pass)} of {results.Count} pass");
        foreach (var r in results) w.WriteLine("  " + Line(r));
    }

    public static void AppendHtml(StringBuilder b, IReadOnlyList<ThresholdResult> results)
    {
        b.Append("<h2>Thresholds</h2>\n<table><tr><th>threshold</th><th>metric</th><th>measured</th><th>result</th></tr>");
        foreach (var r in results)
        {
            b.Append("<tr><td><code>").Append(HtmlPage.E(r.Expression)).Append("</code></td><td>").Append(HtmlPage.E(r.Metric))
                .Append("</td><td class=\"n\">").Append(HtmlPage.E(Measured(r))).Append("</td><td")
                .Append(r.Pass ? ">pass" : " class=\"worse\">FAIL").Append(r.AbortedRun ? " (stopped the run)" : "").Append("</td></tr>");
        }
        b.Append("</table>\n");
    }

    /// <summary>Writes the "thresholds" array of the run record: each <see cref="ThresholdResult"/> as System.Text.Json writes it (camelCase).</summary>
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<ThresholdResult> results, string name = "thresholds")
    {
        w.WriteStartArray(name);
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("expression", r.Expression);
            w.WriteString("metric", r.Metric);
            w.WriteString("unit", r.Unit);
            if (r.Measured is { } m) w.WriteNumber("measured", m); else w.WriteNull("measured");
            w.WriteBoolean("pass", r.Pass);
            w.WriteBoolean("abortedRun", r.AbortedRun);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
