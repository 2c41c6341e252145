using System.Net;
using System.Text;

namespace Testbed.Views;

/// <summary>
/// The frame of every page the load tools write or serve: one file, inline CSS, no script or font
/// fetched from anywhere, so that a report opens offline and can be mailed.
/// </summary>
internal static class HtmlPage
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1060px;color:#222;padding:0 1em}
        table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:3px 7px;vertical-align:top}
        th{background:#f3f3f3;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
        code{background:#f6f6f6;padding:0 3px;font-size:12px;word-break:break-all}
        .better{color:#176d17;font-weight:600}.worse{color:#b00;font-weight:600}.noise{color:#666}
        .charts{display:flex;flex-wrap:wrap;gap:0 1em}
        """;

    public static StringBuilder Open(string title, string extraCss = "")
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>")
            .Append(E(title)).Append("</title><style>").Append(Style).Append(SvgChart.Css).Append(extraCss).Append("</style></head><body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n");
        return b;
    }

    public static string Close(StringBuilder b) => b.Append("</body></html>\n").ToString();

    /// <summary>A two-column table of (name, value) rows.</summary>
    public static void Table(StringBuilder b, IEnumerable<(string Name, string Value)> rows)
    {
        b.Append("<table>");
        foreach (var (name, value) in rows)
        {
            b.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>");
        }

        b.Append("</table>\n");
    }

    public static string E(string text) => WebUtility.HtmlEncode(text);
}
