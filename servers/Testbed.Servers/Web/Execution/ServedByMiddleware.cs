using Microsoft.Extensions.Primitives;

namespace Testbed.Servers.Web.Execution;

/// <summary>Adds <c>X-Served-By: host/pid</c> to every response, 404s and 400s included.</summary>
internal sealed class ServedByMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Served-By";

    private static readonly StringValues Value = $"{Environment.MachineName}/{Environment.ProcessId}";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers[HeaderName] = Value;
        return next(context);
    }
}
