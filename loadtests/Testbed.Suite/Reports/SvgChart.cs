using System.Globalization;
using System.Net;
using System.Text;
using Testbed.Suite.Claims;

namespace Testbed.Suite.Reports;

/// <summary>
/// Inline SVG charts drawn by hand, so report.html needs nothing from the network: horizontal bars
/// for comparisons, lines for time series. Axes start at zero (a ratio chart that does not start
/// at zero exaggerates), with "nice" round maxima.
/// </summary>
internal static class SvgChart
{
    private const int Width = 680;
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    public static string Bars(string title, string unit, IReadOnlyList<(string Label, double Value)> bars)
    {
        const int rowHeight = 24;
        const int left = 170;
        const int right = 80;
        var height = 40 + bars.Count * rowHeight + 10;
        var max = NiceMax(bars.Select(b => b.Value).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max());
        var plot = Width - left - right;
        var b = new StringBuilder();
        Open(b, height, title);
        b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"18\" class=\"t\">{Esc(title)}{(unit.Length > 0 ? " (" + Esc(unit) + ")" : "")}</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = 30 + i * rowHeight;
            var w = double.IsNaN(value) || max <= 0 ? 0 : value / max * plot;
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Esc(label)}</text>");
            b.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y + 3}\" width=\"{w:0.#}\" height=\"{rowHeight - 6}\" fill=\"{Palette[i % Palette.Length]}\"/>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + w + 4:0.#}\" y=\"{y + 15}\">{(double.IsNaN(value) ? "n/a" : NumberFormat.Short(value))}</text>");
        }

        b.Append("</svg>");
        return b.ToString();
    }

    public static string Lines(string title, string unit, IReadOnlyList<ChartSeries> series)
    {
        const int height = 230;
        const int left = 60;
        const int right = 150;
        const int top = 28;
        const int bottom = 32;
        var plotWidth = Width - left - right;
        var plotHeight = height - top - bottom;
        var points = series.SelectMany(s => s.Points).Where(p => !double.IsNaN(p.Y)).ToList();
        var maxX = NiceMax(points.Select(p => p.X).DefaultIfEmpty(1).Max());
        var maxY = NiceMax(points.Select(p => p.Y).DefaultIfEmpty(1).Max());
        var b = new StringBuilder();
        Open(b, height, title);
        b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"16\" class=\"t\">{Esc(title)}{(unit.Length > 0 ? " (" + Esc(unit) + ")" : "")}</text>");
        for (var i = 0; i <= 4; i++)
        {
            var y = top + plotHeight - i * plotHeight / 4.0;
            b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{left + plotWidth}\" y2=\"{y:0.#}\" class=\"g\"/>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{NumberFormat.Short(maxY * i / 4)}</text>");
            var x = left + i * plotWidth / 4.0;
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{NumberFormat.Short(maxX * i / 4)}</text>");
        }

        b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotWidth / 2}\" y=\"{height - 4}\" text-anchor=\"middle\">second</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var color = Palette[s % Palette.Length];
            var coordinates = series[s].Points.Where(p => !double.IsNaN(p.Y))
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{left + p.X / maxX * plotWidth:0.#},{top + plotHeight - p.Y / maxY * plotHeight:0.#}"));
            var dash = series[s].Dashed ? " stroke-dasharray=\"5,3\"" : "";
            b.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\"{dash} points=\"{string.Join(' ', coordinates)}\"/>");
            var legendY = top + 4 + s * 16;
            b.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left + plotWidth + 10}\" y1=\"{legendY}\" x2=\"{left + plotWidth + 28}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotWidth + 32}\" y=\"{legendY + 4}\">{Esc(series[s].Name)}</text>");
        }

        b.Append("</svg>");
        return b.ToString();
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^k at or above the value.</summary>
    public static double NiceMax(double value)
    {
        if (value <= 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value * (1 - 1e-12))
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static void Open(StringBuilder b, int height, string title) =>
        b.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{Esc(title)}\">");

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
