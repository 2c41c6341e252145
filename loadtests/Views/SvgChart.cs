using System.Globalization;
using System.Net;
using System.Text;

namespace Testbed.Views;

/// <summary>
/// Inline SVG charts drawn in C#, so a page needs nothing from the network: horizontal bars for
/// comparisons, lines over time, and latency percentile distributions on a "nines" axis. Every
/// drawn value carries an SVG title, which browsers show on hover. Legends go below the plot and
/// wrap into as many rows as their labels need, so a long label is never cut at the chart's edge.
/// Axes start at zero (a ratio chart that does not start at zero exaggerates), with round maxima.
/// Pages include <see cref="Css"/> once.
/// </summary>
internal static class SvgChart
{
    public const int Width = 1000;
    public const int HalfWidth = 540;

    /// <summary>Styles the charts' text and grid; self-contained, for a page's style element.</summary>
    public const string Css = "svg.chart{display:block;margin:.4em 0;max-width:100%;height:auto}svg.chart text{font:11px system-ui,sans-serif;fill:#333}svg.chart .t{font-weight:600;font-size:12px}svg.chart .g{stroke:#e4e4e4}svg.chart .a{stroke:#999}svg.chart circle:hover{fill-opacity:1}";

    /// <summary>Six colours that stay distinguishable for most colour-blind readers (Okabe-Ito); series beyond six repeat them dashed.</summary>
    private static readonly string[] Palette = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"];

    private const double CharWidth = 6.2;
    private const int LegendRow = 16;

    public static string Colour(int index) => Palette[index % Palette.Length];

    public static string Bars(string title, string unit, IReadOnlyList<(string Label, double Value)> bars, int width = HalfWidth)
    {
        const int rowHeight = 24;
        const int right = 70;
        var left = (int)Math.Clamp(bars.Select(b => b.Label.Length).DefaultIfEmpty(8).Max() * CharWidth + 12, 60, width / 2);
        var height = 40 + bars.Count * rowHeight + 10;
        var max = ChartNumber.NiceMax(bars.Select(b => b.Value).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max());
        var plot = width - left - right;
        var b = new StringBuilder();
        Open(b, width, height, title);
        Title(b, left, title, unit);
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 30 + i * rowHeight;
            var w = double.IsNaN(value) || max <= 0 ? 0 : value / max * plot;
            var text = ChartNumber.Short(value) + (unit.Length > 0 && !double.IsNaN(value) ? " " + unit : "");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Esc(label)}</text>");
            b.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{rowHeight - 6}\" fill=\"{Colour(0)}\"><title>{Esc(label)}: {Esc(text)}</title></rect>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + w + 4:0.#}\" y=\"{y + 15}\">{Esc(ChartNumber.Short(value))}</text>");
        }

        b.Append("</svg>");
        return b.ToString();
    }

    /// <summary>Lines over seconds of a run.</summary>
    public static string Lines(string title, string unit, IReadOnlyList<ChartSeries> series, int width = Width)
    {
        // Ticks on whole 1, 2 or 5 × 10^k seconds, four to eight of them.
        var last = Math.Max(1, series.SelectMany(s => s.Points).Select(p => p.X).DefaultIfEmpty(1).Max());
        var step = new[] { 1.0, 2, 5 }.SelectMany(m => Enumerable.Range(0, 8).Select(k => m * Math.Pow(10, k))).First(t => last / t <= 8);
        var maxX = Math.Ceiling(last / step) * step;
        var ticks = Enumerable.Range(0, (int)(maxX / step) + 1).Select(i => (i * step, ChartNumber.Short(i * step))).ToList();
        return Plot(title, unit, series, width, maxX, ticks, "second", x => "second " + ChartNumber.Short(x));
    }

    /// <summary>Lines against any quantity on the x axis (e.g. offered rate), named <paramref name="xName"/>; the axis starts at zero.</summary>
    public static string LinesAgainst(string title, string unit, string xName, IReadOnlyList<ChartSeries> series, int width = Width)
    {
        var last = Math.Max(1, series.SelectMany(s => s.Points).Select(p => p.X).DefaultIfEmpty(1).Max());
        var step = new[] { 1.0, 2, 5 }.SelectMany(m => Enumerable.Range(-2, 10).Select(k => m * Math.Pow(10, k))).Order().First(t => last / t <= 8);
        var maxX = Math.Ceiling(last / step) * step;
        var ticks = Enumerable.Range(0, (int)(maxX / step) + 1).Select(i => (i * step, ChartNumber.Short(i * step))).ToList();
        return Plot(title, unit, series, width, maxX, ticks, xName, x => xName + " " + ChartNumber.Short(x));
    }

    /// <summary>
    /// Latency against percentile on a nines axis (<see cref="PercentileCurve"/>): 0%, 90%, 99%,
    /// 99.9% … equally spaced, as HdrHistogram's plots draw it.
    /// </summary>
    public static string Percentiles(string title, IReadOnlyList<ChartSeries> series, int width = Width)
    {
        var maxX = Math.Max(1, series.SelectMany(s => s.Points).Select(p => p.X).DefaultIfEmpty(1).Max());
        var ticks = Enumerable.Range(0, (int)Math.Ceiling(maxX) + 1).Select(n => ((double)n, PercentileCurve.Label(n))).ToList();
        return Plot(title, "ms", series, width, Math.Ceiling(maxX), ticks, "percentile", PercentileCurve.Label);
    }

    private static string Plot(string title, string unit, IReadOnlyList<ChartSeries> series, int width, double maxX,
        IReadOnlyList<(double At, string Label)> xTicks, string xName, Func<double, string> hoverX)
    {
        const int left = 60;
        const int right = 20;
        const int top = 28;
        const int plotHeight = 170;
        var plotWidth = width - left - right;
        var legend = LegendLayout(series, plotWidth);
        var legendTop = top + plotHeight + 40;
        var height = legendTop + legend.Rows * LegendRow + 6;
        var maxY = ChartNumber.NiceMax(series.SelectMany(s => s.Points).Select(p => p.Y).Where(y => !double.IsNaN(y)).DefaultIfEmpty(1).Max());
        var b = new StringBuilder();
        Open(b, width, height, title);
        Title(b, left, title, unit);
        for (var i = 0; i <= 4; i++)
        {
            var y = top + plotHeight - i * plotHeight / 4.0;
            b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{left + plotWidth}\" y2=\"{y:0.#}\" class=\"{(i == 0 ? "a" : "g")}\"/>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{ChartNumber.Short(maxY * i / 4)}</text>");
        }

        foreach (var (at, label) in xTicks)
        {
            var x = left + at / maxX * plotWidth;
            b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{top}\" x2=\"{x:0.#}\" y2=\"{top + plotHeight}\" class=\"g\"/>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{top + plotHeight + 15}\" text-anchor=\"middle\">{Esc(label)}</text>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotWidth / 2}\" y=\"{top + plotHeight + 30}\" text-anchor=\"middle\">{Esc(xName)}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Colour(series[s].Colour >= 0 ? series[s].Colour : s);
            var dashed = series[s].Dashed || (series[s].Colour < 0 && s >= Palette.Length);
            var dash = dashed ? " stroke-dasharray=\"5,3\"" : "";
            var points = series[s].Points.Where(p => !double.IsNaN(p.Y)).ToList();
            var coordinates = points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{left + p.X / maxX * plotWidth:0.#},{top + plotHeight - p.Y / maxY * plotHeight:0.#}"));
            b.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\"{dash} points=\"{string.Join(' ', coordinates)}\"><title>{Esc(series[s].Name)}</title></polyline>");
            foreach (var (x, y) in points)
            {
                b.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{left + x / maxX * plotWidth:0.#}\" cy=\"{top + plotHeight - y / maxY * plotHeight:0.#}\" r=\"3\" fill=\"{colour}\" fill-opacity=\"0\"><title>{Esc(series[s].Name)}, {Esc(hoverX(x))}: {Esc(ChartNumber.Short(y))}{(unit.Length > 0 ? " " + Esc(unit) : "")}</title></circle>");
            }

            var (column, row) = legend.Positions[s];
            var lx = left + column;
            var ly = legendTop + row * LegendRow;
            b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{lx + 18}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{lx + 22}\" y=\"{ly + 4}\">{Esc(series[s].Name)}</text>");
        }

        b.Append("</svg>");
        return b.ToString();
    }

    /// <summary>Legend entries flow left to right and wrap, each as wide as its label (estimated from its length).</summary>
    private static (int Rows, IReadOnlyList<(int X, int Row)> Positions) LegendLayout(IReadOnlyList<ChartSeries> series, int available)
    {
        var positions = new List<(int X, int Row)>();
        int x = 0, row = 0;
        foreach (var s in series)
        {
            var entry = (int)Math.Ceiling(30 + s.Name.Length * CharWidth);
            if (x > 0 && x + entry > available)
            {
                x = 0;
                row++;
            }

            positions.Add((x, row));
            x += entry;
        }

        return (series.Count == 0 ? 0 : row + 1, positions);
    }

    private static void Title(StringBuilder b, int x, string title, string unit) =>
        b.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"16\" class=\"t\">{Esc(title)}{(unit.Length > 0 ? " (" + Esc(unit) + ")" : "")}</text>");

    private static void Open(StringBuilder b, int width, int height, string title) =>
        b.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{Esc(title)}\">");

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
