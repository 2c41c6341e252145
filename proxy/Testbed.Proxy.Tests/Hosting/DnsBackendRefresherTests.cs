using System.Net;
using Testbed.Proxy.Configuration;
using Testbed.Proxy.Hosting;
using Testbed.Proxy.Tests.Support;

namespace Testbed.Proxy.Tests.Hosting;

/// <summary>--backends-dns: the backend set follows what the name resolves to, as with docker compose --scale.</summary>
public sealed class DnsBackendRefresherTests
{
    /// <summary>A name whose addresses the test changes, as Compose's DNS does when a service is scaled.</summary>
    private sealed class ScalableName : IHostResolver
    {
        public volatile IPAddress[] Addresses = [];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            host == "backend" ? Task.FromResult(Addresses) : throw new System.Net.Sockets.SocketException(11001);
    }

    [Fact]
    public async Task BackendsDns_NameGainsAndLosesAddresses_ProxyFollows()
    {
        await using var one = await TestBackend.StartAsync("one", IPAddress.Parse("127.0.0.1"));
        await using var two = await TestBackend.StartAsync("two", IPAddress.Parse("127.0.0.2"), one.Port);
        var name = new ScalableName { Addresses = [one.Address] };
        var options = new ProxyOptions
        {
            DnsBackends = new DnsBackendSource("backend", one.Port),
            DnsRefresh = TimeSpan.FromMilliseconds(100),
            HealthInterval = TimeSpan.FromMilliseconds(200),
        };
        await using var proxy = await RunningProxy.StartAsync(options, name);

        Assert.Equal(1, (await proxy.StatsAsync()).Backends);
        Assert.Equal("one", await ServedByAsync(proxy));

        name.Addresses = [one.Address, two.Address];
        Assert.True(await proxy.WaitForStatsAsync(s => s.Backends == 2, TimeSpan.FromSeconds(5)), "the second address never became a backend");
        var servedBy = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            servedBy.Add(await ServedByAsync(proxy));
        }

        Assert.Equal(["one", "two"], servedBy.Order());

        name.Addresses = [two.Address];
        Assert.True(await proxy.WaitForStatsAsync(s => s.Backends == 1, TimeSpan.FromSeconds(5)), "the first address was never dropped");
        Assert.Equal("two", await ServedByAsync(proxy));
        Assert.Equal($"127.0.0.2:{one.Port}", (await proxy.StatsAsync()).Destinations.Single().Id);
    }

    [Fact]
    public async Task BackendsDns_LookupFails_KeepsPreviousBackends()
    {
        await using var one = await TestBackend.StartAsync("one");
        var name = new ScalableName { Addresses = [one.Address] };
        var options = new ProxyOptions { DnsBackends = new DnsBackendSource("backend", one.Port) };
        var registry = new BackendRegistry(options);
        var refresher = new DnsBackendRefresher(options, registry, name, Microsoft.Extensions.Logging.Abstractions.NullLogger<DnsBackendRefresher>.Instance);

        await refresher.RefreshAsync(CancellationToken.None);
        Assert.Equal(1, registry.Count);

        var failing = new DnsBackendRefresher(options with { DnsBackends = new DnsBackendSource("gone", one.Port) }, registry, name,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DnsBackendRefresher>.Instance);
        await failing.RefreshAsync(CancellationToken.None);
        Assert.Equal(1, registry.Count);
    }

    private static async Task<string> ServedByAsync(RunningProxy proxy)
    {
        using var response = await proxy.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("X-Served-By").Single();
    }
}
