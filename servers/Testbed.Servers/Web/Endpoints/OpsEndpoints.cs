using System.Diagnostics;
using Testbed.Common;
using Testbed.Servers.Web.Execution;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// <c>/healthz</c> and <c>/stats</c>: monitoring, outside the mode's cap (see <see cref="UngatedAttribute"/>).
/// </summary>
internal static class OpsEndpoints
{
    public static IEndpointRouteBuilder MapOpsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<WebServerOptions>();
        var stats = services.GetRequiredService<ServerStats>();
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var started = Stopwatch.GetTimestamp();
        var root = options.WorkerIndex is null ? Environment.ProcessId : ProcessFigures.ParentOfSelf();

        endpoints.MapGet("/healthz", () => lifetime.ApplicationStopping.IsCancellationRequested
                ? Results.Text("stopping", HelloEndpoints.ContentType, statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text("ok", HelloEndpoints.ContentType))
            .WithMetadata(new UngatedAttribute());

        endpoints.MapGet("/stats", () =>
            {
                // Under a supervisor, the whole server: this worker adds up every worker's slot.
                var totals = stats.ReadAll();
                return Results.Json(
                new StatsResponse(
                    Pid: Environment.ProcessId,
                    Hostname: Environment.MachineName,
                    Mode: options.Mode,
                    Threads: options.Cap,
                    Workers: options.Workers,
                    Worker: options.WorkerIndex ?? 0,
                    Served: totals.Served,
                    InFlight: (int)totals.InFlight,
                    PeakInFlight: stats.PeakInFlight,
                    Queued: (int)totals.Queued,
                    Dropped: totals.Dropped,
                    ThreadPoolThreads: ThreadPool.ThreadCount,
                    UptimeMs: (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    Process: ProcessFigures.ForTree(root),
                    Slots: (options.Cap ?? 0) * options.Workers,
                    BusyMs: Math.Round(totals.BusyMs, 3),
                    QueuedMs: Math.Round(totals.QueuedMs, 3)),
                WebJsonContext.Api.StatsResponse);
            })
            .WithMetadata(new UngatedAttribute());

        return endpoints;
    }
}
