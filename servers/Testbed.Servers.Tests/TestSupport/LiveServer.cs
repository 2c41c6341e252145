using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Testbed.Servers.Web;
using Testbed.Servers.Web.Hosting;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// The real server (Kestrel, real sockets) in this process on an ephemeral loopback port, for tests
/// about concurrency, where an in-memory TestServer could hide how connections queue.
/// </summary>
internal sealed class LiveServer : IAsyncDisposable
{
    private readonly IHost _host;

    private LiveServer(IHost host, string url)
    {
        _host = host;
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public static async Task<LiveServer> StartAsync(WebServerOptions options)
    {
        var host = new WebServer(options with { Endpoint = new IPEndPoint(IPAddress.Loopback, 0) }).CreateHostBuilder().Build();
        await host.StartAsync();
        return new LiveServer(host, WebServer.BoundUrl(host.Services));
    }

    public async Task<JsonElement> StatsAsync() =>
        JsonDocument.Parse(await Client.GetStringAsync("/stats")).RootElement;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }
}
