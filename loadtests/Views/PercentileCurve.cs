using HdrHistogram;

namespace Testbed.Views;

/// <summary>
/// A latency distribution as HdrHistogram's percentile plots draw it: x is the number of "nines"
/// (−log10 of the fraction above, so 90% is 1, 99% is 2, 99.9% is 3), which spreads the tail
/// that a linear percentile axis squeezes into its last pixel.
/// </summary>
internal static class PercentileCurve
{
    /// <summary>Points per nine: enough for a smooth curve, few enough for hover markers.</summary>
    private const int StepsPerNine = 10;

    /// <summary>The deepest tail drawn: beyond 1 − 1/count every percentile is the maximum.</summary>
    public static double MaxNines(long count) => count <= 10 ? 1 : Math.Min(6, Math.Ceiling(Math.Log10(count)));

    /// <summary>(nines, milliseconds) from 0% to the deepest tail the count supports, the last point the maximum.</summary>
    public static IReadOnlyList<(double X, double Y)> Points(HistogramBase histogram, double unitsPerMs = 1000)
    {
        var count = histogram.TotalCount;
        if (count == 0)
        {
            return [];
        }

        var maxNines = MaxNines(count);
        var points = new List<(double X, double Y)>();
        for (var i = 0; i < maxNines * StepsPerNine; i++)
        {
            var nines = i / (double)StepsPerNine;
            var percentile = 100 * (1 - Math.Pow(10, -nines));
            var value = histogram.GetValueAtPercentile(percentile);
            points.Add((nines, histogram.MedianEquivalentValue(value) / unitsPerMs));
        }

        points.Add((maxNines, histogram.GetMaxValue() / unitsPerMs));
        return points;
    }

    /// <summary>The decoded histogram, or null when the field is absent (an older record) or not a histogram.</summary>
    public static HistogramBase? TryDecode(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        try
        {
            return HdrEncoding.FromBase64(base64);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The percentile at x nines, as a label: 0%, 90%, 99%, 99.9% …</summary>
    public static string Label(double nines)
    {
        var percent = 100 * (1 - Math.Pow(10, -nines));
        return nines >= 6 ? "99.9999%" : ChartNumber.Short(Math.Round(percent, 4)) + "%";
    }
}
