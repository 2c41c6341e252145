using System.Globalization;
using System.Text;
using Testbed.Views;

namespace Testbed.Load.Thresholds;

/// <summary>The thresholds' results in the text summary, the HTML report.</summary>
internal static class ThresholdReport
{
    public static string Measured(ThresholdDocument r) =>
        r.Measured is not { } m ? "none" : m.ToString("0.###", CultureInfo.InvariantCulture) + (r.Unit.Length == 0 ? "" : r.Unit == "%" ? "%" : " " + r.Unit);

    public static string Line(ThresholdDocument r) =>
        $"{(r.Pass ? "pass" : "FAIL")}  {r.Expression,-22} measured {Measured(r)}{(r.AbortedRun ? "  (stopped the run: --abort-on-fail)" : "")}";

    public static void WriteText(TextWriter w, IReadOnlyList<ThresholdDocument> results)
    {
        w.WriteLine();
        w.WriteLine($"Thresholds:   {results.Count(r => r.Pass)} of {results.Count} pass");
        foreach (var r in results) w.WriteLine("  " + Line(r));
    }

    public static void AppendHtml(StringBuilder b, IReadOnlyList<ThresholdDocument> results)
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
}
