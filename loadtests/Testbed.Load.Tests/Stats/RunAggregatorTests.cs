using Testbed.Load.Stats;

namespace Testbed.Load.Tests.Stats;

public sealed class RunAggregatorTests
{
    private const long Frequency = 1_000_000; // timestamps in microseconds for readability

    private static RequestResult Ok(long at, long totalUs, string? servedBy = null) =>
        new(RequestOutcome.Completed, FailureKind.None, at, 100, totalUs / 2, totalUs, -1, 200, 5, true, servedBy);

    [Fact]
    public void Close_MixedOutcomes_CountsAddUpAndLatencyCoversResponsesOnly()
    {
        var agg = new RunAggregator(0, Frequency, trackCorrected: false);
        agg.Add(Ok(100_000, 1000));
        agg.Add(Ok(200_000, 3000));
        agg.Add(new RequestResult(RequestOutcome.Non2xx, FailureKind.None, 300_000, 0, 0, 2000, -1, 50, 5, false, null));
        agg.Add(new RequestResult(RequestOutcome.Failed, FailureKind.ConnectRefused, 400_000, 0, 0, 99_000, -1, 0, 0, false, null));
        var stats = agg.Close(started: 4, dropped: 0, endTimestamp: 500_000);

        Assert.True(stats.Counts.AddsUp);
        Assert.Equal(2, stats.Counts.Completed);
        Assert.Equal(1, stats.Counts.Non2xx);
        Assert.Equal(1, stats.Counts.FailedOf(FailureKinds.ConnectRefused));
        Assert.Equal(3, stats.Total.Count);
        Assert.Equal(3000, stats.Total.MaxMicros);
        Assert.Equal(450, stats.TotalBytes);
        Assert.Equal(2, stats.Counts.KeepAliveRequests);
    }

    [Fact]
    public void Close_StartedDiffersFromResults_DoesNotAddUp()
    {
        var agg = new RunAggregator(0, Frequency, trackCorrected: false);
        agg.Add(Ok(1, 10));
        Assert.False(agg.Close(started: 2, dropped: 0, endTimestamp: 10).Counts.AddsUp);
    }

    [Fact]
    public void Add_ResultsOverThreeSecondsWithTicks_OneRowPerSecondIncludingEmpty()
    {
        var agg = new RunAggregator(0, Frequency, trackCorrected: false);
        agg.Add(Ok(500_000, 1000));
        agg.Add(Ok(900_000, 3000));
        agg.Add(RequestResult.Tick(1_000_100, users: 7, inFlight: 3));
        agg.Add(RequestResult.Tick(2_000_100, users: 7, inFlight: 9));
        agg.Add(Ok(2_500_000, 5000));
        var stats = agg.Close(3, 0, 3_000_000);

        Assert.Equal([1, 2, 3], stats.TimeSeries.Select(p => p.Second));
        Assert.Equal([2L, 0L, 1L], stats.TimeSeries.Select(p => p.Completed));
        Assert.Equal(2.0, stats.TimeSeries[0].MeanMs, 3);
        Assert.Equal(7, stats.TimeSeries[0].Users);
        Assert.Equal(9, stats.TimeSeries[1].InFlight);
        Assert.Equal(5.0, stats.TimeSeries[2].MaxMs, 3);
    }

    [Fact]
    public void Add_NextSecondsResultBeforeItsTick_ClosesSecondWithLiveGauges()
    {
        // The ticker's timer fired late: a response of second 2 closes second 1 before any tick.
        var gauges = new FixedGauges { Users = 5, InFlight = 2 };
        var agg = new RunAggregator(0, Frequency, trackCorrected: false, gauges: gauges);
        agg.Add(Ok(500_000, 1000));
        agg.Add(Ok(1_000_200, 1000));
        gauges.Users = 0;
        var stats = agg.Close(2, 0, 1_500_000);

        Assert.Equal(5, stats.TimeSeries[0].Users);
        Assert.Equal(2, stats.TimeSeries[0].InFlight);
    }

    private sealed class FixedGauges : IRunGauges
    {
        public int Users { get; set; }

        public int InFlight { get; set; }
    }

    [Fact]
    public void Add_CorrectedTracked_RecordsFromIntendedTime()
    {
        var agg = new RunAggregator(0, Frequency, trackCorrected: true);
        agg.Add(new RequestResult(RequestOutcome.Completed, FailureKind.None, 10, 0, 0, 1000, 250_000, 1, 1, true, null));
        var stats = agg.Close(1, 0, 20);
        Assert.NotNull(stats.Corrected);
        Assert.Equal(250_000, stats.Corrected!.MaxMicros);
        Assert.Equal(1000, stats.Total.MaxMicros);
    }

    [Fact]
    public void ServedBy_MoreDistinctValuesThanCap_OverflowCountedUnderOther()
    {
        var agg = new RunAggregator(0, Frequency, trackCorrected: false, maxServedByKeys: 2);
        foreach (var name in new[] { "a", "b", "a", "c", "d" }) agg.Add(Ok(1, 10, name));
        var served = agg.Close(5, 0, 10).ServedBy;
        Assert.Equal(2, served["a"]);
        Assert.Equal(1, served["b"]);
        Assert.Equal(2, served[ServedByTally.OverflowKey]);
    }
}
