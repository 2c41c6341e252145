using Testbed.Load.Engine;
using Testbed.Load.Tests.TestServers;
using Testbed.TestCommon;

namespace Testbed.Load.Tests.Engine;

/// <summary>Segments run for real against a loopback server: the generators' counts add up to the whole plan's.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class SegmentRunsTests
{
    [Fact]
    public async Task Ab_ThreeSegmentsAtOnce_CompletedAddUpToN()
    {
        await using var server = new LoopbackHttpServer();
        var runs = Enumerable.Range(1, 3)
            .Select(i => Runs.RunAsync(AbProfile.ForSegment(100, 8, null, new Segment(i, 3)), server.Url("/fixed")));
        var stats = await Task.WhenAll(runs);
        Assert.Equal(new long[] { 34, 33, 33 }, stats.Select(s => s.Counts.Completed));
        // 3 + 3 + 2 keep-alive clients. It failed once in a full-solution run on a loaded machine, with
        // no message: say what each segment saw if it fails again.
        Assert.True(server.Connections == 8, $"{server.Connections} connections for {server.Requests} requests; per segment: "
            + string.Join("; ", stats.Select(s => $"completed {s.Counts.Completed}, failed {s.Counts.Failed}")));
    }

    [Fact]
    public async Task Threads_TwoSegments_RequestsAddUpToThreadsTimesLoops()
    {
        await using var server = new LoopbackHttpServer();
        var runs = Enumerable.Range(1, 2)
            .Select(i => Runs.RunAsync(new ThreadsProfile(5, 4, TimeSpan.FromMilliseconds(200), new Segment(i, 2)), server.Url("/fixed")));
        var stats = await Task.WhenAll(runs);
        Assert.Equal(new long[] { 12, 8 }, stats.Select(s => s.Counts.Completed));
    }

    [Fact]
    public async Task Rate_TwoSegments_HitsAddUpToTheWholeSchedule()
    {
        await using var server = new LoopbackHttpServer();
        var runs = Enumerable.Range(1, 2)
            .Select(i => Runs.RunAsync(new RateProfile(101, TimeSpan.FromSeconds(1), 10, new Segment(i, 2)), server.Url("/fixed")));
        var stats = await Task.WhenAll(runs);
        Assert.Equal(new long[] { 51, 50 }, stats.Select(s => s.Counts.Started + s.Counts.Dropped));
    }

    [Fact]
    public async Task Users_TwoSegments_EachStartsItsShareOfUsers()
    {
        await using var server = new LoopbackHttpServer();
        var wait = TimeSpan.FromMilliseconds(50);
        var runs = Enumerable.Range(1, 2).Select(i => Runs.RunAsync(
            new UsersProfile(5, SpawnSchedule.AtRate(50), wait, wait, TimeSpan.FromSeconds(2), new Segment(i, 2)), server.Url("/fixed")));
        var stats = await Task.WhenAll(runs);
        // Users are the gauge sampled at 1 s: all started by 0.1 s, none stopped before 2 s.
        Assert.Equal(new[] { 3, 2 }, stats.Select(s => s.TimeSeries[0].Users));
        Assert.All(stats, s => Assert.True(s.Counts.Completed > 0 && s.Counts.AddsUp));
    }
}
