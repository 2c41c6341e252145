using HdrHistogram;
using Testbed.Load.Stats;

namespace Testbed.Load.Tests.Stats;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Record_AnyValueUpToMax_LandsInBucketAtMostOneThousandthWide()
    {
        var random = new Random(3);
        var h = new LatencyHistogram();
        for (int i = 0; i < 100_000; i++)
        {
            long v = (long)Math.Exp(random.NextDouble() * Math.Log(LatencyHistogram.MaxTrackableMicros));
            h.Record(v);
            long low = h.Hdr.LowestEquivalentValue(v), high = h.Hdr.HighestEquivalentValue(v);
            Assert.InRange(v, low, high);
            Assert.True(high - low <= low / 1024.0, $"bucket [{low},{high}] wider than 1/1024 of {low}");
        }
        Assert.Equal(100_000, h.Count);
    }

    [Fact]
    public void ValueAtPercentile_LogUniformValuesUpToAnHour_WithinOnePercentOfExact()
    {
        var random = new Random(42);
        var h = new LatencyHistogram();
        var values = new long[50_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (long)Math.Exp(random.NextDouble() * Math.Log(3_600_000_000.0));
            h.Record(values[i]);
        }
        Array.Sort(values);
        foreach (double p in new[] { 1, 10, 50, 66, 75, 90, 95, 99, 99.9 })
        {
            long exact = values[(int)Math.Ceiling(p / 100 * values.Length) - 1];
            double got = h.ValueAtPercentile(p);
            Assert.True(Math.Abs(got - exact) <= Math.Max(1, exact * 0.01), $"p{p}: {got} vs exact {exact}");
        }
        Assert.Equal(values[0], h.MinMicros);
        Assert.Equal(values[^1], h.MaxMicros);
        Assert.Equal(values.Average(v => (double)v), h.MeanMicros, 1e-6 * values.Average(v => (double)v));
    }

    [Fact]
    public void Record_OneHour_TrackedWithinOnePercent()
    {
        var h = new LatencyHistogram();
        h.Record(3_600_000_000);
        h.Record(3_600_000_000);
        h.Record(1);
        Assert.Equal(3_600_000_000, h.MaxMicros);
        Assert.InRange(h.ValueAtPercentile(50), 3_600_000_000 * 0.99, 3_600_000_000 * 1.01);
    }

    [Fact]
    public void Merge_TwoHalves_SameAsRecordingAll()
    {
        var random = new Random(7);
        var all = new LatencyHistogram();
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        for (int i = 0; i < 10_000; i++)
        {
            long v = random.NextInt64(1, 5_000_000);
            all.Record(v);
            (i % 2 == 0 ? a : b).Record(v);
        }
        a.Merge(b);
        Assert.Equal(all.Count, a.Count);
        Assert.Equal(all.MinMicros, a.MinMicros);
        Assert.Equal(all.MaxMicros, a.MaxMicros);
        Assert.Equal(all.MeanMicros, a.MeanMicros, 6);
        Assert.Equal(all.StdDevMicros, a.StdDevMicros, 3);
        foreach (double p in new[] { 50, 90, 99, 99.9 }) Assert.Equal(all.ValueAtPercentile(p), a.ValueAtPercentile(p));
    }

    [Fact]
    public void StdDev_KnownValues_IsPopulationStdDev()
    {
        var h = new LatencyHistogram();
        foreach (long v in new long[] { 2, 4, 4, 4, 5, 5, 7, 9 }) h.Record(v);
        Assert.Equal(5.0, h.MeanMicros, 9);
        Assert.Equal(2.0, h.StdDevMicros, 9);
    }

    [Fact]
    public void Reset_AfterValues_IsEmpty()
    {
        var h = new LatencyHistogram();
        h.Record(1000);
        h.Reset();
        Assert.Equal(0, h.Count);
        Assert.Equal(0, h.ValueAtPercentile(50));
    }
}
