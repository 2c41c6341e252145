using System.Diagnostics;
using System.Net;
using Testbed.Proxy.Balancing;
using Testbed.Proxy.Tests.Support;

namespace Testbed.Proxy.Tests.Balancing;

/// <summary>The proxy in front of real backends: distribution, failover to the other backend, 503 and 504.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class LoadBalancingTests
{
    [Fact]
    public async Task RoundRobin_HundredRequests_SplitEvenly()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var proxy = await RunningProxy.StartAsync(RunningProxy.FastProbeOptions(a, b));

        var servedBy = new Dictionary<string, int>();
        for (var i = 0; i < 100; i++)
        {
            using var response = await proxy.Client.GetAsync($"/item/{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var name = response.Headers.GetValues("X-Served-By").Single();
            servedBy[name] = servedBy.GetValueOrDefault(name) + 1;
        }

        Assert.InRange(servedBy.GetValueOrDefault("a"), 49, 51);
        Assert.InRange(servedBy.GetValueOrDefault("b"), 49, 51);
        var stats = await proxy.StatsAsync();
        Assert.Equal(BalancingPolicies.RoundRobin, stats.Policy);
        Assert.Equal(100, stats.Destinations.Sum(d => d.Requests));
        Assert.All(stats.Destinations, d => Assert.Equal(0, d.Failures));
    }

    [Theory]
    [InlineData(BalancingPolicies.LeastRequests)]
    [InlineData(BalancingPolicies.PowerOfTwoChoices)]
    [InlineData(BalancingPolicies.Random)]
    public async Task OtherPolicies_TwoBackends_BothServe(string policy)
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var proxy = await RunningProxy.StartAsync(RunningProxy.FastProbeOptions(a, b) with { Policy = policy });

        // Concurrent requests, so that LeastRequests sees a busy backend and moves on.
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => proxy.Client.GetAsync("/")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var names = responses.Select(r => r.Headers.GetValues("X-Served-By").Single()).ToHashSet();
        Assert.Equal(["a", "b"], names.Order());
        Assert.Equal(policy, (await proxy.StatsAsync()).Policy);
    }

    [Fact]
    public async Task BackendStoppedMidRun_TrafficMovesToOther_FailuresOnlyInFlight()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var proxy = await RunningProxy.StartAsync(RunningProxy.FastProbeOptions(a, b));

        const int workers = 4;
        const int perWorker = 100;
        var clock = Stopwatch.StartNew();
        var results = new List<(long Sequence, TimeSpan Started, HttpStatusCode Status, string? ServedBy)>();
        long sequence = 0;
        var stopped = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task Worker()
        {
            for (var i = 0; i < perWorker; i++)
            {
                var n = Interlocked.Increment(ref sequence);
                if (n == 100)
                {
                    // Stop 'a' while the other workers keep sending; its in-flight requests finish or fail.
                    _ = Task.Run(async () =>
                    {
                        await a.StopAsync();
                        stopped.SetResult(clock.Elapsed);
                    });
                }

                var started = clock.Elapsed;
                using var response = await proxy.Client.GetAsync("/");
                var servedBy = response.Headers.TryGetValues("X-Served-By", out var v) ? v.Single() : null;
                lock (results)
                {
                    results.Add((n, started, response.StatusCode, servedBy));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Worker)));
        var stoppedAt = await stopped.Task;

        var failures = results.Count(r => r.Status != HttpStatusCode.OK);
        Assert.True(failures <= workers, $"{failures} failed requests; at most the {workers} in flight when 'a' stopped may fail");
        Assert.All(results.Where(r => r.Sequence < 100), r => Assert.Equal(HttpStatusCode.OK, r.Status));
        // Every request sent once 'a' had stopped was served by 'b'.
        var late = results.Where(r => r.Started > stoppedAt).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, r => Assert.Equal("b", r.ServedBy));
        Assert.Contains(results, r => r.Sequence > 100 && r.ServedBy == "b");

        var stats = await proxy.StatsAsync();
        Assert.Equal("unhealthy", stats.Destinations.Single(d => d.Id == "a").Health);
        Assert.Equal("healthy", stats.Destinations.Single(d => d.Id == "b").Health);
    }

    [Fact]
    public async Task AllBackendsDown_Returns503WithJsonAtOnce()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var proxy = await RunningProxy.StartAsync(RunningProxy.FastProbeOptions(a, b));
        using (var warm = await proxy.Client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        await a.StopAsync();
        await b.StopAsync();

        // Straight after the stop, connections are refused and failover finds no one: 503 without
        // waiting for any timeout (the connect timeout is seconds, the probe timeout 1 s).
        var (status, body, elapsed) = await TimedGetAsync(proxy, "/anything");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("\"error\":\"no ", body);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"first 503 took {elapsed.TotalMilliseconds:F0} ms");

        // Once the health checks have marked both down, the proxy answers 503 itself, at once.
        Assert.True(await proxy.WaitForStatsAsync(s => s.Healthy == 0, TimeSpan.FromSeconds(5)), "backends never marked unhealthy");
        var times = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            (status, body, elapsed) = await TimedGetAsync(proxy, $"/anything/{i}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("{\"error\":\"no healthy backend\",\"backends\":2,\"healthy\":0}", body);
            times.Add(elapsed);
        }

        var median = times.Order().ElementAt(times.Count / 2);
        Assert.True(median < TimeSpan.FromMilliseconds(100), $"median 503 took {median.TotalMilliseconds:F0} ms");
        Assert.Equal(6, (await proxy.StatsAsync()).Rejected);
    }

    private static async Task<(HttpStatusCode Status, string Body, TimeSpan Elapsed)> TimedGetAsync(RunningProxy proxy, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await proxy.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, body, clock.Elapsed);
    }

    [Fact]
    public async Task HangingBackend_UpstreamTimeout_Returns504()
    {
        await using var a = await TestBackend.StartAsync("a");
        var timeout = TimeSpan.FromMilliseconds(500);
        await using var proxy = await RunningProxy.StartAsync(RunningProxy.FastProbeOptions(a) with { UpstreamTimeout = timeout });

        var clock = Stopwatch.StartNew();
        using var response = await proxy.Client.GetAsync("/hang");
        clock.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.InRange(clock.Elapsed, timeout * 0.9, timeout + TimeSpan.FromSeconds(5));
        var stats = await proxy.StatsAsync();
        Assert.Equal(1, stats.Destinations.Single().Failures);
    }
}
