using HdrHistogram;

namespace Testbed.Load.Tests.Stats;

/// <summary>Equality of two HdrHistograms: the same count at every recorded value, hence the same percentiles.</summary>
internal static class HdrAssert
{
    public static void Equal(HistogramBase expected, HistogramBase actual)
    {
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        Assert.Equal(Counts(expected), Counts(actual));
        if (expected.TotalCount == 0) return;
        Assert.Equal(expected.GetMaxValue(), actual.GetMaxValue());
        foreach (double p in new[] { 0.1, 1, 25, 50, 66, 75, 90, 95, 99, 99.9, 100 })
            Assert.Equal(expected.GetValueAtPercentile(p), actual.GetValueAtPercentile(p));
    }

    private static List<(long Value, long Count)> Counts(HistogramBase h) =>
        h.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)).ToList();
}
