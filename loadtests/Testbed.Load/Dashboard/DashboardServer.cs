using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Testbed.Common;
using Testbed.Views;

namespace Testbed.Load.Dashboard;

/// <summary>
/// <c>--dashboard [PORT]</c>: a small Kestrel server on 127.0.0.1 only (never another interface)
/// serving the live page, its Server-Sent Events and, after the run, the HTML report. Kestrel's
/// sockets run on the thread pool, not on the load's epoll loops, and it sends one short event per
/// second per open page.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, DashboardHub hub, string url)
    {
        _app = app;
        Hub = hub;
        Url = url;
    }

    public DashboardHub Hub { get; }

    public string Url { get; }

    /// <exception cref="UsageException">The port is taken or not allowed.</exception>
    public static async Task<DashboardServer> StartAsync(int port, DashboardHub hub)
    {
        var app = LoopbackWebApp.Create(port);
        app.MapGet("/", () => Results.Content(DashboardPage.Render(hub), "text/html; charset=utf-8"));
        app.MapGet("/events", (HttpContext context) => StreamAsync(context, hub));
        app.MapGet("/state", () => Results.Content(StateJson(hub), "application/json"));
        app.MapGet("/report", () => hub.ReportHtml is { } html
            ? Results.Content(html, "text/html; charset=utf-8")
            : Results.Json(new { error = "the run has not ended yet; the report exists once it has" }, statusCode: StatusCodes.Status404NotFound));
        var address = await LoopbackWebApp.StartAsync(app, port).ConfigureAwait(false);
        await WarmUpAsync(new Uri(address).Port).ConfigureAwait(false);
        return new DashboardServer(app, hub, address);
    }

    /// <summary>
    /// Serves each page once before the load starts. The first request JIT-compiles Kestrel's
    /// request path, routing and the page code: about 0.3 s of CPU, which on a 2-core machine
    /// otherwise comes out of the load's first seconds when a browser first connects.
    /// </summary>
    private static async Task WarmUpAsync(int port)
    {
        foreach (var path in new[] { "/", "/state", "/events", "/report" })
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).ConfigureAwait(false);
            // The event stream never ends by itself: its first bytes (headers and the opening comment) are enough.
            var buffer = new byte[16384];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                int read;
                do read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
                while (read > 0 && path != "/events");
            }
            catch (OperationCanceledException)
            {
                // A warm-up that takes this long has done its work anyway.
            }
        }
    }

    public static string StateJson(DashboardHub hub)
    {
        var (history, final) = hub.State();
        return $"{{\"info\":{hub.InfoJson},\"seconds\":[{string.Join(',', history)}],\"final\":{final ?? "null"}}}";
    }

    private static async Task StreamAsync(HttpContext context, DashboardHub hub)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        var (history, final, next, unsubscribe) = hub.Subscribe();
        try
        {
            var ct = context.RequestAborted;
            // A comment line sends the headers at once, before the first second has passed.
            await context.Response.Body.WriteAsync(": connected\n\n"u8.ToArray(), ct).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
            // The page already drew what it was served with; a reconnect gets the whole run again.
            foreach (var line in history) await WriteAsync(context, "second", line, ct).ConfigureAwait(false);
            if (final is not null)
            {
                await WriteAsync(context, "done", final, ct).ConfigureAwait(false);
                return;
            }
            await foreach (var line in next.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (line.StartsWith("done:", StringComparison.Ordinal)) await WriteAsync(context, "done", line[5..], ct).ConfigureAwait(false);
                else await WriteAsync(context, "second", line, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
        finally
        {
            unsubscribe();
        }
    }

    private static async Task WriteAsync(HttpContext context, string name, string json, CancellationToken ct)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: {name}\ndata: {json}\n\n"), ct).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // Open pages have been sent the end of the run; give their streams a moment to finish.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
