namespace Testbed.Suite.Reports;

/// <summary>One line of a time-series chart: (second, value) points.</summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);
