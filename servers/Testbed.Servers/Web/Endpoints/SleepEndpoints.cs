namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// <c>/sleep?ms=</c>: the slow handler of E1–E3. In the blocking modes the wait blocks the handler's
/// thread, holding its slot as a sync worker would; in mode async it is an awaited timer.
/// </summary>
internal static class SleepEndpoints
{
    public const int DefaultMs = 1000;
    public const int MaxMs = 60_000;

    public static IEndpointRouteBuilder MapSleepEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<WebServerOptions>();
        var stopping = endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        if (WorkerModes.IsBlocking(options.Mode))
        {
            endpoints.MapGet("/sleep", (HttpContext context) =>
            {
                if (!QueryValues.TryGetInt(context, "ms", DefaultMs, 0, MaxMs, out var ms, out var error))
                {
                    return error!;
                }

                // A blocking kernel wait like Thread.Sleep, except that shutdown wakes it.
                stopping.WaitHandle.WaitOne(ms);
                return Results.Text(HelloEndpoints.Body, HelloEndpoints.ContentType);
            });
        }
        else
        {
            endpoints.MapGet("/sleep", async (HttpContext context) =>
            {
                if (!QueryValues.TryGetInt(context, "ms", DefaultMs, 0, MaxMs, out var ms, out var error))
                {
                    return error!;
                }

                await Task.Delay(ms, context.RequestAborted);
                return Results.Text(HelloEndpoints.Body, HelloEndpoints.ContentType);
            });
        }

        return endpoints;
    }
}
