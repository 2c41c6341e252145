using System.Net;
using System.Text;
using Testbed.Proxy.Configuration;
using Testbed.Proxy.Tests.Support;

namespace Testbed.Proxy.Tests.Hosting;

/// <summary>What goes through the proxy unchanged, what is added and what is dropped.</summary>
public sealed class PassThroughTests
{
    [Fact]
    public async Task Request_MethodPathQueryBodyHeaders_ReachBackendUnchanged()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var proxy = await RunningProxy.StartAsync(new ProxyOptions { Backends = RunningProxy.BackendsOf(a) });

        using var request = new HttpRequestMessage(HttpMethod.Put, "/echo?x=1&y=two%20words")
        {
            Content = new StringContent("hello body", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("X-Custom", "abc");
        request.Headers.Add("Keep-Alive", "timeout=5");
        request.Headers.Add("Proxy-Connection", "keep-alive");
        request.Headers.Add("X-Private-Hop", "dropped");
        request.Headers.Connection.Add("X-Private-Hop");
        using var response = await proxy.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = TestBackend.ParseEcho(await response.Content.ReadAsStringAsync());
        Assert.Equal("PUT", echo.Method);
        Assert.Equal("/echo", echo.Path);
        Assert.Equal("?x=1&y=two%20words", echo.Query);
        Assert.Equal("hello body", echo.Body);
        Assert.Equal("abc", echo.Headers["X-Custom"]);
        Assert.StartsWith("text/plain", echo.Headers["Content-Type"]);

        Assert.Equal("127.0.0.1", echo.Headers["X-Forwarded-For"]);
        Assert.Equal("http", echo.Headers["X-Forwarded-Proto"]);
        Assert.Equal(proxy.BaseAddress.Authority, echo.Headers["X-Forwarded-Host"]);

        Assert.False(echo.Headers.ContainsKey("Keep-Alive"));
        Assert.False(echo.Headers.ContainsKey("Proxy-Connection"));
        Assert.False(echo.Headers.ContainsKey("X-Private-Hop"));
    }

    [Fact]
    public async Task Response_BackendHeaders_ReachClient_HopByHopDropped()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var proxy = await RunningProxy.StartAsync(new ProxyOptions { Backends = RunningProxy.BackendsOf(a) });

        using var response = await proxy.Client.PostAsync("/echo", new StringContent("x"));

        Assert.Equal("a", response.Headers.GetValues("X-Served-By").Single());
        Assert.Equal("from-backend", response.Headers.GetValues("X-Backend-Custom").Single());
        Assert.False(response.Headers.Contains("X-Private-Hop"));
    }

    [Fact]
    public async Task OwnEndpoints_HealthzAndStats_AnsweredByProxy()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var proxy = await RunningProxy.StartAsync(new ProxyOptions { Backends = RunningProxy.BackendsOf(a) });

        using var health = await proxy.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.False(health.Headers.Contains("X-Served-By"));
        Assert.Contains("\"status\":\"ok\"", await health.Content.ReadAsStringAsync());

        var stats = await proxy.StatsAsync();
        var only = Assert.Single(stats.Destinations);
        Assert.Equal("a", only.Id);
        Assert.Equal(a.Url.ToString(), only.Address);
        Assert.Equal(0, only.InFlight);
    }
}
