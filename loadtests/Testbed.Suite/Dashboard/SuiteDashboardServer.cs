using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Testbed.Common;
using Testbed.Views;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Testbed.Suite.Dashboard;

/// <summary>
/// <c>testbed-suite --dashboard [PORT]</c>: one stable address on 127.0.0.1 only. <c>/</c> is the
/// live page of the step in progress (generator 1's when the step split its load; <c>/g/I/</c> is
/// generator I's): the page, its event stream, state and report are fetched from that
/// testbed-load's own <c>--dashboard</c> port and relayed, so the browser never needs to know the
/// ports, which change with every load. <c>/suite</c> is the suite's state as JSON.
/// </summary>
internal sealed class SuiteDashboardServer : IAsyncDisposable
{
    private static readonly string[] Relayed = ["events", "state", "report"];

    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private SuiteDashboardServer(WebApplication app, HttpClient http, string url)
    {
        _app = app;
        _http = http;
        Url = url;
    }

    public string Url { get; }

    /// <exception cref="UsageException">The port is taken or not allowed.</exception>
    public static async Task<SuiteDashboardServer> StartAsync(int port, SuiteDashboard dashboard)
    {
        var app = LoopbackWebApp.Create(port);
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        app.MapGet("/suite", () => HttpResults.Content(dashboard.StatusJson(), "application/json"));
        app.MapGet("/", context => RespondAsync(context, PageAsync(context, http, dashboard, 1)));
        app.MapGet("/g/{index:int}", context => RespondAsync(context, context.Request.Path.Value!.EndsWith('/')
            ? PageAsync(context, http, dashboard, Index(context))
            : Task.FromResult(HttpResults.Redirect($"/g/{Index(context)}/"))));
        app.MapGet("/{resource}", context => RespondAsync(context, RelayAsync(context, http, dashboard, 1, Resource(context))));
        app.MapGet("/g/{index:int}/{resource}", context => RespondAsync(context, RelayAsync(context, http, dashboard, Index(context), Resource(context))));
        try
        {
            return new SuiteDashboardServer(app, http, await LoopbackWebApp.StartAsync(app, port).ConfigureAwait(false));
        }
        catch (UsageException)
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>The generator's page with the suite's banner, or the suite's own page when no step runs or its page is not up yet.</summary>
    private static async Task<IResult> PageAsync(HttpContext context, HttpClient http, SuiteDashboard dashboard, int index)
    {
        if (dashboard.GeneratorPort(index) is not { } port)
        {
            return Html(SuiteDashboardPage.Status(dashboard, index > 1 ? $"no generator {index} runs now" : null));
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var page = await http.GetStringAsync($"http://127.0.0.1:{port}/", timeout.Token).ConfigureAwait(false);
            return Html(SuiteDashboardPage.Wrap(page, dashboard, index));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // The load is still starting (or has just ended): the page asks again in a second.
            return Html(SuiteDashboardPage.Status(dashboard, "the step's load is starting"));
        }
    }

    /// <summary>Relays GET /events, /state or /report of the generator's page, streaming (events are flushed as they come).</summary>
    private static async Task<IResult> RelayAsync(HttpContext context, HttpClient http, SuiteDashboard dashboard, int index, string resource)
    {
        if (!Relayed.Contains(resource))
        {
            return HttpResults.Json(new { error = $"no such page: {context.Request.Path}" }, statusCode: StatusCodes.Status404NotFound);
        }

        if (dashboard.GeneratorPort(index) is not { } port)
        {
            return HttpResults.Json(new { error = $"no step runs generator {index} now" }, statusCode: StatusCodes.Status404NotFound);
        }

        var ct = context.RequestAborted;
        HttpResponseMessage upstream;
        try
        {
            upstream = await http.GetAsync($"http://127.0.0.1:{port}/{resource}", HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return HttpResults.Json(new { error = $"the step's load does not answer: {e.Message}" }, statusCode: StatusCodes.Status502BadGateway);
        }

        using (upstream)
        {
            var response = context.Response;
            response.StatusCode = (int)upstream.StatusCode;
            response.ContentType = upstream.Content.Headers.ContentType?.ToString();
            response.Headers.CacheControl = "no-store";
            await using var body = await upstream.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            var buffer = new byte[8192];
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    await response.Body.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
            {
                // The page was closed, or the load ended and closed its stream.
            }
        }

        return HttpResults.Empty;
    }

    private static int Index(HttpContext context) => int.Parse((string)context.Request.RouteValues["index"]!, System.Globalization.CultureInfo.InvariantCulture);

    private static string Resource(HttpContext context) => (string)context.Request.RouteValues["resource"]!;

    private static async Task RespondAsync(HttpContext context, Task<IResult> result) => await (await result.ConfigureAwait(false)).ExecuteAsync(context).ConfigureAwait(false);

    private static IResult Html(string page) => HttpResults.Content(page, "text/html; charset=utf-8");

    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}
