using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Testbed.Proxy.Balancing;
using Testbed.Proxy.Configuration;
using Testbed.Proxy.Health;
using Testbed.Proxy.Stats;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Testbed.Proxy.Hosting;

/// <summary>Builds the proxy's web application: Kestrel, YARP with our health policies, and the proxy's own endpoints.</summary>
internal static class ProxyHost
{
    public const string HealthPath = "/healthz";
    public const string StatsPath = "/proxy/stats";

    /// <param name="options">Validated options.</param>
    /// <param name="resolver">Host name resolver for --backends-dns; the system's when null.</param>
    public static WebApplication Build(ProxyOptions options, IHostResolver? resolver = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Testbed.Proxy", options.LogLevel < LogLevel.Information ? options.LogLevel : LogLevel.Information);
        if (options.LogLevel >= LogLevel.Warning)
        {
            // These warn once per failed probe or request, with a stack trace: under load against a
            // dead backend that is per-request logging. Health transitions are still logged (by
            // YARP's DestinationHealthUpdater), and /proxy/stats counts the failures.
            builder.Logging.AddFilter("Yarp.ReverseProxy.Health.ActiveHealthCheckMonitor", LogLevel.Error);
            builder.Logging.AddFilter("Yarp.ReverseProxy.Forwarder", LogLevel.Error);
            // YARP registers data protection (for affinity cookies, unused here); its key warning is noise.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
            // A failed start (address in use) is reported by ProxyCommand as one line, exit code 1.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
            // While this category is enabled at any level, hosting starts an Activity and pushes a
            // logging scope for every request (about 5% of the proxy's CPU in a profile under load);
            // it logs nothing above Information, so below that it only costs.
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        }

        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Load generators open thousands of keep-alive connections; the defaults (no connection cap,
            // 100 ms minimum data rates) already suit them. Only the response header goes.
        });
        builder.WebHost.UseSockets(sockets =>
        {
            // By default Kestrel first waits for data with a zero-byte read and only then rents a buffer:
            // one more recv syscall per request, which on loopback costs more than the 4 KB buffer each
            // idle keep-alive connection now holds.
            sockets.WaitForDataBeforeAllocatingBuffer = false;
        });

        builder.Services.AddSingleton(options);
        var registry = new BackendRegistry(options);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<DestinationActivity>();
        builder.Services.AddSingleton<ProxyStats>();
        builder.Services.AddSingleton<IActiveHealthCheckPolicy, ProbeHealthPolicy>();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, FailFastPassiveHealthPolicy>();
        builder.Services.AddSingleton<IProxyConfigProvider>(registry.ConfigProvider);
        builder.Services.AddReverseProxy()
            .AddTransforms(ConnectionHeaderTransforms.Add)
            .ConfigureHttpClient((_, handler) =>
        {
            // Keep-alive pool to each backend, sized by demand; refused connects fail over fast.
            handler.ConnectTimeout = options.ConnectTimeout;
            handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90);
            handler.PooledConnectionLifetime = Timeout.InfiniteTimeSpan;
            handler.MaxConnectionsPerServer = options.MaxConnectionsPerBackend ?? int.MaxValue;
            // No traceparent header per request: nothing downstream reads it, and it costs an Activity.
            handler.ActivityHeadersPropagator = null;
            handler.UseCookies = false;
        });

        // YARP registers authorization services (to validate route policies), and WebApplication adds
        // the authorization middleware to the pipeline whenever they exist. No route here has a policy,
        // so it would only cost an async hop per request.
        builder.Services.RemoveAll<IAuthorizationHandlerProvider>();

        if (options.DnsBackends is not null)
        {
            builder.Services.TryAddSingleton(resolver ?? new SystemHostResolver());
            builder.Services.AddHostedService<DnsBackendRefresher>();
        }

        var app = builder.Build();

        app.MapGet(HealthPath, (ProxyStats stats) =>
        {
            var (backends, available) = stats.Availability();
            return Results.Json(new ProxyHealth("ok", backends, available), ProxyJsonContext.Default.ProxyHealth);
        });
        app.MapGet(StatsPath, (ProxyStats stats) => Results.Json(stats.Snapshot(), ProxyJsonContext.Default.ProxyStatsSnapshot));
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<FailoverMiddleware>();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
            pipeline.UseMiddleware<InFlightMiddleware>();
        });

        app.Lifetime.ApplicationStarted.Register(() => Console.Out.WriteLine(ReadyLine(app, options, registry)));
        return app;
    }

    /// <summary>The address Kestrel actually bound (port 0 becomes the real port).</summary>
    public static string BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault() ?? app.Urls.FirstOrDefault() ?? throw new UnreachableException("Kestrel bound no address");
    }

    /// <summary>The one line scripts and the comparison suite wait for.</summary>
    public static string ReadyLine(WebApplication app, ProxyOptions options, BackendRegistry registry) =>
        $"testbed-proxy ready on {BoundAddress(app)} backends={registry.Count} policy={options.Policy}";
}
