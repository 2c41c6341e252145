namespace Testbed.Servers.Web.Execution;

/// <summary>
/// Sits between routing and the endpoints and hands each request to the mode's executor, so that
/// every endpoint group (minimal API or MVC) gets the mode's concurrency rule without knowing it.
/// </summary>
internal sealed class RequestGateMiddleware(RequestDelegate next, IRequestExecutor executor)
{
    public Task InvokeAsync(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<UngatedAttribute>() is not null
            ? next(context)
            : executor.ExecuteAsync(context, next);
}
