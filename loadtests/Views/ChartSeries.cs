namespace Testbed.Views;

/// <summary>One line of a chart: (x, y) points, drawn solid or dashed in the series' colour.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false, int Colour = -1);
