using System.Diagnostics;
using System.Net;
using Testbed.Proxy.Tests.Support;

namespace Testbed.Proxy.Tests.Stats;

/// <summary>/proxy/stats' in-flight integrals and failures by kind, in front of real backends.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class ProxyStatsTests
{
    [Fact]
    public async Task Stats_FourRequestsHangingUntilTimeout_InFlightFourAndBusyFourTimesTheTimeout()
    {
        await using var a = await TestBackend.StartAsync("a");
        var timeout = TimeSpan.FromMilliseconds(500);
        await using var proxy = await RunningProxy.StartAsync(RunningProxy.FastProbeOptions(a) with { UpstreamTimeout = timeout });
        var before = await proxy.StatsAsync();
        var clock = Stopwatch.StartNew();

        var hanging = Enumerable.Range(0, 4).Select(_ => proxy.Client.GetAsync("/hang")).ToArray();
        Assert.True(await proxy.WaitForStatsAsync(s => s.InFlight == 4, TimeSpan.FromSeconds(2)), "four requests never in flight together");
        var during = await proxy.StatsAsync();
        var responses = await Task.WhenAll(hanging);
        var after = await proxy.StatsAsync();
        var elapsed = clock.Elapsed;

        Assert.Equal(4, during.Destinations.Single().InFlight);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.GatewayTimeout, r.StatusCode));
        var backend = after.Destinations.Single();
        Assert.Equal(0, backend.InFlight);
        Assert.Equal(0, after.InFlight);
        // Each attempt was in flight for the upstream timeout, no more than the test's own span.
        Assert.InRange(backend.BusyMs - before.Destinations.Single().BusyMs, 4 * timeout.TotalMilliseconds * 0.95, 4 * elapsed.TotalMilliseconds);
        // One backend: the total's integral is its integral (each is rounded to the microsecond on its own).
        Assert.InRange(after.BusyMs - before.BusyMs - (backend.BusyMs - before.Destinations.Single().BusyMs), -0.002, 0.002);
        Assert.Equal(4, backend.FailuresByKind.Timeout);
        Assert.Equal(4, after.Failures);
        Assert.Equal(after.Destinations.Sum(d => d.Requests), after.Requests);
    }

    [Fact]
    public async Task Stats_OneBackendStopped_CountsItsRefusedAttempts()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        // No periodic probe within the test: a probe that found 'a' stopped would take it out of
        // rotation before any request tried it (the test failed so, with refused 0). Only the
        // initial probe runs; wait for it, so that it cannot land after the stop either.
        var options = RunningProxy.FastProbeOptions(a, b) with { HealthInterval = TimeSpan.FromMinutes(5) };
        await using var proxy = await RunningProxy.StartAsync(options);
        Assert.True(
            await proxy.WaitForStatsAsync(s => s.Destinations.All(d => d.Active == "Healthy"), TimeSpan.FromSeconds(5)),
            "the initial probe never found both backends healthy");
        await a.StopAsync();

        // Round robin sends one of two to the stopped backend; each is retried on b and succeeds.
        for (var i = 0; i < 4; i++)
        {
            using var response = await proxy.Client.GetAsync($"/item/{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var stats = await proxy.StatsAsync();
        var stopped = stats.Destinations.Single(d => d.Id == "a");
        Assert.True(stopped.FailuresByKind.Refused >= 1, $"refused {stopped.FailuresByKind}, active {stopped.Active}, passive {stopped.Passive}");
        Assert.Equal(stopped.Failures, stopped.FailuresByKind.Refused);
        Assert.Equal(0, stats.Destinations.Single(d => d.Id == "b").Failures);
    }
}
