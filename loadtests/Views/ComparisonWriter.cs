using System.Globalization;
using System.Text;

namespace Testbed.Views;

/// <summary>A comparison as text for the console, as Markdown and as a self-contained HTML page.</summary>
internal static class ComparisonWriter
{
    private static readonly string[] Columns = ["figure", "base", "new", "change", "verdict", "noise"];

    public static string Text(Comparison c)
    {
        var rows = Rows(c).Select(r => new[] { r.Group.Length > 0 ? r.Group + ": " + r.Figure : r.Figure, r.Base, r.New, r.Change, r.Verdict, r.Noise }).ToList();
        var widths = Enumerable.Range(0, Columns.Length).Select(i => rows.Select(r => r[i].Length).Append(Columns[i].Length).Max()).ToArray();
        var b = new StringBuilder();
        b.Append(c.Title).Append(": ").Append(c.BaseName).Append(" -> ").Append(c.NewName).Append('\n');
        foreach (var row in rows.Prepend(Columns))
        {
            b.Append(row[0].PadRight(widths[0]));
            for (var i = 1; i < row.Length; i++)
            {
                b.Append("  ").Append(i < 4 ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
            }

            b.Append('\n');
        }

        b.Append(Totals(c)).Append('\n').Append(c.NoiseNote).Append('\n');
        return b.ToString();
    }

    public static string Markdown(Comparison c)
    {
        var b = new StringBuilder();
        b.Append("# ").Append(c.Title).Append("\n\n");
        b.Append("Base: `").Append(c.BaseName).Append("`, new: `").Append(c.NewName).Append("`.\n\n");
        b.Append("| group | figure | base | new | change | verdict | noise |\n|---|---|---:|---:|---:|---|---:|\n");
        foreach (var r in Rows(c))
        {
            var verdict = r.Verdict is ComparedFigure.Better or ComparedFigure.Worse ? $"**{r.Verdict}**" : r.Verdict;
            b.Append($"| {Md(r.Group)} | {Md(r.Figure)} | {r.Base} | {r.New} | {r.Change} | {verdict} | {r.Noise} |\n");
        }

        b.Append('\n').Append(Totals(c)).Append("\n\n").Append(c.NoiseNote).Append('\n');
        return b.ToString();
    }

    public static string Html(Comparison c)
    {
        var b = HtmlPage.Open(c.Title);
        b.Append("<p>Base: <code>").Append(HtmlPage.E(c.BaseName)).Append("</code>, new: <code>").Append(HtmlPage.E(c.NewName)).Append("</code>.</p>\n");
        b.Append("<p><b>").Append(HtmlPage.E(Totals(c))).Append("</b></p>\n<table><tr><th>group</th>");
        foreach (var column in Columns)
        {
            b.Append("<th>").Append(column).Append("</th>");
        }

        b.Append("</tr>");
        foreach (var r in Rows(c))
        {
            var css = r.Verdict switch { ComparedFigure.Better => "better", ComparedFigure.Worse => "worse", _ => "noise" };
            b.Append("<tr><td>").Append(HtmlPage.E(r.Group)).Append("</td><td>").Append(HtmlPage.E(r.Figure)).Append("</td>");
            foreach (var value in new[] { r.Base, r.New, r.Change })
            {
                b.Append("<td class=\"n\">").Append(HtmlPage.E(value)).Append("</td>");
            }

            b.Append("<td class=\"").Append(css).Append("\">").Append(HtmlPage.E(r.Verdict)).Append("</td><td class=\"n\">").Append(HtmlPage.E(r.Noise)).Append("</td></tr>");
        }

        b.Append("</table>\n<p>").Append(HtmlPage.E(c.NoiseNote)).Append("</p>\n");
        return HtmlPage.Close(b);
    }

    /// <summary>Writes compare.md and compare.html into the directory and returns their paths.</summary>
    public static (string Markdown, string Html) WriteFiles(Comparison c, string directory)
    {
        Directory.CreateDirectory(directory);
        var md = Path.Combine(directory, "compare.md");
        var html = Path.Combine(directory, "compare.html");
        File.WriteAllText(md, Markdown(c));
        File.WriteAllText(html, Html(c));
        return (md, html);
    }

    public static string Totals(Comparison c)
    {
        int Count(string verdict) => c.Figures.Count(f => f.Verdict == verdict);
        return $"{c.Figures.Count} figures: {Count(ComparedFigure.Better)} better, {Count(ComparedFigure.Worse)} worse, {Count(ComparedFigure.WithinNoise)} within noise" +
            (Count(ComparedFigure.NotCompared) > 0 ? $", {Count(ComparedFigure.NotCompared)} not compared" : "");
    }

    private static IEnumerable<(string Group, string Figure, string Base, string New, string Change, string Verdict, string Noise)> Rows(Comparison c) =>
        c.Figures.Select(f => (f.Group, f.Unit.Length > 0 ? $"{f.Name} ({f.Unit})" : f.Name, ChartNumber.Short(f.Base), ChartNumber.Short(f.New),
            Change(f.ChangePercent), f.Verdict, "±" + f.NoisePercent.ToString("0.#", CultureInfo.InvariantCulture) + "%"));

    private static string Change(double percent) =>
        double.IsNaN(percent) ? "—" : double.IsInfinity(percent) ? (percent > 0 ? "+∞" : "−∞")
        : (percent >= 0 ? "+" : "") + percent.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Md(string text) => text.Replace("|", "\\|");
}
