using Testbed.Load.Engine;
using Testbed.Load.Stats;
using Testbed.Load.Tests.TestServers;

namespace Testbed.Load.Tests.Engine;

/// <summary>Whole profiles against real loopback servers with known behaviour.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class ProfilesTests
{
    [Fact]
    public async Task Ab_KeepAlive200By10_ExactCountsOnTenConnections()
    {
        await using var server = new LoopbackHttpServer();
        var stats = await Runs.RunAsync(new AbProfile(200, 10, null), server.Url("/fixed"), keepAlive: true);
        Assert.Equal(200, stats.Counts.Started);
        Assert.Equal(200, stats.Counts.Completed);
        Assert.True(stats.Counts.AddsUp);
        Assert.Equal(200, stats.Total.Count);
        Assert.Equal(1000, stats.BodyBytes);
        Assert.Equal(10, server.Connections);
    }

    [Fact]
    public async Task Ab_NoKeepAlive_OneConnectionPerRequest()
    {
        await using var server = new LoopbackHttpServer();
        var stats = await Runs.RunAsync(new AbProfile(60, 4, null), server.Url("/fixed"), keepAlive: false);
        Assert.Equal(60, stats.Counts.Completed);
        Assert.Equal(60, server.Connections);
    }

    [Fact]
    public async Task Ab_NoKeepAliveNothingListening_EveryRequestCountedAsConnectRefused()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var stats = await Runs.RunAsync(new AbProfile(30, 3, null), $"http://127.0.0.1:{port}/", keepAlive: false);

        Assert.Equal(30, stats.Counts.Started);
        Assert.Equal(30, stats.Counts.FailedOf(FailureKinds.ConnectRefused));
        Assert.True(stats.Counts.AddsUp);
    }

    [Fact]
    public async Task Ab_VaryingLengthWithoutL_LengthFailuresAsAbCountsThem()
    {
        await using var server = new LoopbackHttpServer();
        // Lengths cycle 2, 3, 1, ...: the first (2) is the reference, so 2 of every 3 fail.
        var stats = await Runs.RunAsync(new AbProfile(30, 1, null), server.Url("/vary"), checkLength: true);
        Assert.Equal(10, stats.Counts.Completed);
        Assert.Equal(20, stats.Counts.FailedOf(FailureKinds.Length));
        Assert.True(stats.Counts.AddsUp);

        await using var again = new LoopbackHttpServer();
        var accepted = await Runs.RunAsync(new AbProfile(30, 1, null), again.Url("/vary"), checkLength: false);
        Assert.Equal(30, accepted.Counts.Completed);
    }

    [Fact]
    public async Task Ab_MixedBehaviours_EveryRequestEndsExactlyOnce()
    {
        await using var server = new LoopbackHttpServer();
        var ok = await Runs.RunAsync(new AbProfile(40, 4, null), server.Url("/chunked"));
        var non2xx = await Runs.RunAsync(new AbProfile(25, 5, null), server.Url("/status/500"));
        var early = await Runs.RunAsync(new AbProfile(12, 3, null), server.Url("/close-early"));
        var reset = await Runs.RunAsync(new AbProfile(12, 3, null), server.Url("/reset"));
        Assert.Equal(40, ok.Counts.Completed);
        Assert.Equal(200, ok.BodyBytes);
        Assert.Equal(25, non2xx.Counts.Non2xx);
        Assert.Equal(25, non2xx.Total.Count);
        Assert.Equal(12, early.Counts.FailedOf(FailureKinds.Receive));
        Assert.Equal(12, reset.Counts.FailedOf(FailureKinds.Receive));
        Assert.All(new[] { ok, non2xx, early, reset }, s => Assert.True(s.Counts.AddsUp));
        Assert.Equal(0, early.Total.Count);
    }

    [Fact]
    public async Task Ab_100msHandlerAtC1_MeanWithin100To115Ms()
    {
        await using var server = new LoopbackHttpServer();
        await Runs.RunAsync(new AbProfile(3, 1, null), server.Url("/delay/100")); // warm-up: JIT and first connect
        var stats = await Runs.RunAsync(new AbProfile(20, 1, null), server.Url("/delay/100"));
        Assert.Equal(20, stats.Counts.Completed);
        Assert.InRange(stats.Total.MeanMicros / 1000, 100, 115);
        Assert.True(stats.Waiting.MeanMicros > 95_000);
    }

    [Fact]
    public async Task Ab_TimeLimit_StopsStartingAtTheLimit()
    {
        await using var server = new LoopbackHttpServer();
        var started = DateTime.UtcNow;
        var stats = await Runs.RunAsync(new AbProfile(1_000_000, 2, TimeSpan.FromSeconds(0.5)), server.Url("/delay/20"));
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 0.45, 3);
        Assert.InRange(stats.Counts.Completed, 20, 60);
    }

    [Fact]
    public async Task Ab_Interrupted_InFlightAbortedAndCountsStillAddUp()
    {
        await using var server = new LoopbackHttpServer();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stats = await Runs.RunAsync(new AbProfile(100, 4, null), server.Url("/delay/10000"), timeoutSeconds: 30, interrupt: cts.Token);
        Assert.Equal(4, stats.Counts.Started);
        Assert.Equal(4, stats.Counts.FailedOf(FailureKinds.Aborted));
        Assert.True(stats.Counts.AddsUp);
    }

    [Fact]
    public async Task Users_WithThinkTime_FollowsLittlesLaw()
    {
        await using var server = new LoopbackHttpServer();
        const int users = 20;
        var duration = TimeSpan.FromSeconds(3);
        var profile = new UsersProfile(users, SpawnSchedule.AtRate(10_000), TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(120), duration);
        var stats = await Runs.RunAsync(profile, server.Url("/delay/20"));
        double throughput = stats.Counts.Completed / duration.TotalSeconds;
        double expected = users / (0.100 + stats.Total.MeanMicros / 1e6);
        Assert.InRange(throughput, expected * 0.9, expected * 1.1);
        Assert.True(stats.Counts.AddsUp);
        Assert.Contains(stats.TimeSeries, p => p.Users == users);
    }

    [Fact]
    public async Task Users_StepSchedule_UsersGrowInSteps()
    {
        await using var server = new LoopbackHttpServer();
        // Steps at 0, 0.7 and 1.4 s: each lands well inside a second, away from the once-a-second
        // gauge samples, which then read 4 (at 1 s) and 6 (at 2 s and at the end). The exact schedule
        // is tested without a clock (SchedulesTests); here: it grows, in steps of 2, to 6.
        var profile = new UsersProfile(6, SpawnSchedule.InSteps(2, TimeSpan.FromSeconds(0.7)), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2.6));
        var stats = await Runs.RunAsync(profile, server.Url("/fixed"));
        var users = stats.TimeSeries.Select(p => p.Users).ToArray();
        Assert.All(users, u => Assert.True(u % 2 == 0 && u is >= 2 and <= 6, $"users {u}"));
        Assert.Equal(users.Order(), users);
        Assert.True(users.Distinct().Count() >= 2, string.Join(",", users));
        Assert.Equal(6, users[^1]);
    }

    [Fact]
    public async Task Threads_FiveThreadsSevenLoops_ExactlyThirtyFive()
    {
        await using var server = new LoopbackHttpServer();
        var stats = await Runs.RunAsync(new ThreadsProfile(5, 7, TimeSpan.FromMilliseconds(200)), server.Url("/fixed"));
        Assert.Equal(35, stats.Counts.Completed);
        Assert.Equal(5, server.Connections);
    }

    [Fact]
    public async Task Rate_200PerSecondFor2s_HoldsRateWithin2Percent()
    {
        await using var server = new LoopbackHttpServer();
        var stats = await Runs.RunAsync(new RateProfile(200, TimeSpan.FromSeconds(2), 1000), server.Url("/fixed"));
        Assert.Equal(400, stats.Counts.Started);
        Assert.Equal(400, stats.Counts.Completed);
        var full = stats.TimeSeries.Where(p => p.Second <= 2).Select(p => p.Rps).ToList();
        Assert.All(full, rps => Assert.InRange(rps, 196, 204));
    }

    [Fact]
    public async Task Rate_ServerStalls_CorrectedExceedsMeasuredAndCapDrops()
    {
        await using var server = new LoopbackHttpServer();
        var stats = await Runs.RunAsync(new RateProfile(50, TimeSpan.FromSeconds(1), 5), server.Url("/delay/300"));
        Assert.NotNull(stats.Corrected);
        Assert.Equal(stats.Total.Count, stats.Corrected!.Count);
        Assert.True(stats.Corrected.MeanMicros > stats.Total.MeanMicros);
        // 5 in flight at most, each 300 ms: about 5 / 0.3 ≈ 17 of the 50 can be sent.
        Assert.True(stats.Counts.Dropped > 20, $"dropped {stats.Counts.Dropped}");
        Assert.Equal(50, stats.Counts.Started + stats.Counts.Dropped);
        Assert.True(stats.Counts.AddsUp);
    }
}
