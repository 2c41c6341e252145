using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Testbed.Proxy.Hosting;

/// <summary>
/// Drops the headers a Connection header names (RFC 9110 §7.6.1: they are hop-by-hop too), in both
/// directions. YARP drops the fixed hop-by-hop set (Connection, Keep-Alive, TE, Upgrade, Proxy-*)
/// but not these. Costs nothing when Connection carries only keep-alive or close, the usual case.
/// </summary>
internal static class ConnectionHeaderTransforms
{
    public static void Add(TransformBuilderContext context)
    {
        context.AddRequestTransform(static transform =>
        {
            // Most clients send no Connection header on HTTP/1.1: then not even the iterator is allocated.
            var connection = transform.HttpContext.Request.Headers.Connection;
            if (connection.Count == 0)
            {
                return ValueTask.CompletedTask;
            }

            foreach (var name in NamedHeaders(connection))
            {
                transform.ProxyRequest.Headers.Remove(name);
            }

            return ValueTask.CompletedTask;
        });

        context.AddResponseTransform(static transform =>
        {
            // NonValidated: no parsing or allocation when the backend sent no Connection header.
            if (transform.ProxyResponse is { } response
                && response.Headers.NonValidated.TryGetValues("Connection", out var connection))
            {
                foreach (var name in NamedHeaders(new StringValues(connection.ToArray())))
                {
                    transform.HttpContext.Response.Headers.Remove(name);
                }
            }

            return ValueTask.CompletedTask;
        });
    }

    private static IEnumerable<string> NamedHeaders(StringValues connection)
    {
        foreach (var value in connection)
        {
            foreach (var token in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!IsConnectionOption(token))
                {
                    yield return token;
                }
            }
        }
    }

    private static bool IsConnectionOption(string token) =>
        token.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
        || token.Equals("close", StringComparison.OrdinalIgnoreCase)
        || token.Equals("upgrade", StringComparison.OrdinalIgnoreCase);
}
