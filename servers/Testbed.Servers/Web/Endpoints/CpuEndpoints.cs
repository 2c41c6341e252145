using System.Diagnostics;
using System.Globalization;
using Testbed.Servers.Web.Cpu;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// <c>/cpu?units=</c>: a fixed amount of CPU work per request (E4). It runs on the request's
/// thread in every mode: async does not make computation cheaper, which is the experiment's point.
/// </summary>
internal static class CpuEndpoints
{
    /// <summary>Forward passes per request by default: about 50–100 ms on one core of a current x64 machine.</summary>
    public const int DefaultUnits = 400;

    /// <summary>Upper bound (20 × the default), so that one request cannot hold a core for long.</summary>
    public const int MaxUnits = 8000;

    public static IEndpointRouteBuilder MapCpuEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/cpu", (HttpContext context) =>
        {
            if (!QueryValues.TryGetInt(context, "units", DefaultUnits, 1, MaxUnits, out var units, out var error))
            {
                return error!;
            }

            var started = Stopwatch.GetTimestamp();
            var result = DenseNetwork.Shared.Run(units);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"cpu;dur={elapsed:F1}");
            return Results.Json(result, WebJsonContext.Api.CpuResult);
        });
        return endpoints;
    }
}
