using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Testbed.Common;

namespace Testbed.Views;

/// <summary>
/// The Kestrel app behind every <c>--dashboard [PORT]</c>: listening on 127.0.0.1 only (never
/// another interface), no logging, and a JSON 404 for any other path.
/// </summary>
internal static class LoopbackWebApp
{
    /// <summary>A slim app bound to 127.0.0.1:<paramref name="port"/> (0: a free port), to map routes on.</summary>
    public static WebApplication Create(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        return builder.Build();
    }

    /// <summary>Adds the JSON 404, starts the app and returns its address with a trailing slash.</summary>
    /// <exception cref="UsageException">The port is taken or not allowed (the app is disposed).</exception>
    public static async Task<string> StartAsync(WebApplication app, int port)
    {
        app.MapFallback((HttpContext context) => Results.Json(new { error = $"no such page: {context.Request.Path}" }, statusCode: StatusCodes.Status404NotFound));
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new UsageException($"--dashboard: cannot listen on 127.0.0.1:{port} ({e.Message})");
        }

        var address = app.Urls.First();
        return address.EndsWith('/') ? address : address + "/";
    }
}
