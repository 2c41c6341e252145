using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Testbed.Proxy.Tests.Support;

/// <summary>
/// A real Kestrel backend on an ephemeral loopback port: answers every path with its name in
/// X-Served-By, /healthz with 200, /echo with the request it saw as JSON, and /hang never. It can
/// be stopped and started again on the same port, as a restarted server would be.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private WebApplication? _app;

    private TestBackend(string name, IPAddress address)
    {
        Name = name;
        Address = address;
    }

    public string Name { get; }

    public IPAddress Address { get; }

    public int Port { get; private set; }

    public Uri Url => new($"http://{new IPEndPoint(Address, Port)}/");

    public static async Task<TestBackend> StartAsync(string name, IPAddress? address = null, int port = 0)
    {
        var backend = new TestBackend(name, address ?? IPAddress.Loopback) { Port = port };
        await backend.StartAsync();
        return backend;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{new IPEndPoint(Address, Port)}");
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Served-By"] = Name;
            await next(context);
        });
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/hang", async (HttpContext context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return "never";
        });
        app.Map("/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            context.Response.Headers["X-Backend-Custom"] = "from-backend";
            context.Response.Headers["X-Private-Hop"] = "secret";
            context.Response.Headers.Connection = "X-Private-Hop";
            var echo = new EchoedRequest(
                context.Request.Method,
                context.Request.Path,
                context.Request.QueryString.Value ?? "",
                body,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
            await context.Response.WriteAsJsonAsync(echo);
        });
        app.MapFallback(() => "hello");

        await app.StartAsync();
        Port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    /// <summary>Graceful stop: requests in flight finish, then the listener and connections close.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await app.StopAsync(cts.Token);
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    public static EchoedRequest ParseEcho(string json) =>
        JsonSerializer.Deserialize<EchoedRequest>(json, JsonSerializerOptions.Web)
        ?? throw new InvalidDataException("empty echo");
}
