using System.Diagnostics;
using Testbed.Proxy.Tests.Support;

namespace Testbed.Proxy.Tests.Health;

/// <summary>Active probes (ProbeHealthPolicy) bring a stopped backend back as soon as it answers again.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class ActiveHealthCheckTests
{
    [Fact]
    public async Task StoppedBackend_BroughtBack_RejoinsWithinTwoHealthIntervals()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        var interval = RunningProxy.FastProbeInterval;
        await using var proxy = await RunningProxy.StartAsync(RunningProxy.FastProbeOptions(a, b));

        await a.StopAsync();
        for (var i = 0; i < 4; i++)
        {
            using var response = await proxy.Client.GetAsync("/");
            Assert.Equal("b", response.Headers.GetValues("X-Served-By").Single());
        }

        Assert.True(await proxy.WaitForStatsAsync(s => s.Healthy == 1, TimeSpan.FromSeconds(5)), "a was never marked unhealthy");

        await a.StartAsync(); // same port
        var clock = Stopwatch.StartNew();
        var rejoined = await proxy.WaitForStatsAsync(s => s.Healthy == 2, 4 * interval);
        var elapsed = clock.Elapsed;

        Assert.True(rejoined, "a did not rejoin");
        Assert.True(elapsed < 2 * interval, $"a rejoined after {elapsed.TotalMilliseconds:F0} ms, more than two {interval.TotalMilliseconds} ms intervals");
        var servedBy = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await proxy.Client.GetAsync("/");
            servedBy.Add(response.Headers.GetValues("X-Served-By").Single());
        }

        Assert.Contains("a", servedBy);
    }
}
