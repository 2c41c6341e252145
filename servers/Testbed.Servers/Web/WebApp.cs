using Testbed.Servers.Web.Endpoints;
using Testbed.Servers.Web.Execution;
using Testbed.Servers.Web.Mvc;

namespace Testbed.Servers.Web;

/// <summary>
/// The web application, independent of hosting: services, the middleware pipeline and the endpoint
/// groups. <see cref="Hosting.WebServer"/> wraps it in Kestrel; tests wrap it in a TestServer.
/// To add an endpoint group, write a static <c>XxxEndpoints.MapXxxEndpoints(this IEndpointRouteBuilder)</c>
/// in <c>Web/Endpoints/</c>, register any services it needs in <see cref="ConfigureServices"/>, and
/// call it from <see cref="MapEndpointGroups"/>; it then gets the mode's concurrency rule,
/// X-Served-By and the /stats counters for free.
/// </summary>
internal static class WebApp
{
    public static void ConfigureServices(IServiceCollection services, WebServerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(_ => ServerStatsFactory.Create(options));
        services.AddSingleton<IRequestExecutor>(provider =>
        {
            var stats = provider.GetRequiredService<ServerStats>();
            var stopping = provider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            return options.Cap is { } cap
                ? new DedicatedThreadExecutor(cap, stats, stopping)
                : new InlineExecutor(stats);
        });
        services.AddSingleton<CandleStore>();
        services.AddRouting();
        services.AddMvcPipeline();
    }

    public static void Configure(IApplicationBuilder app)
    {
        app.UseMiddleware<ServedByMiddleware>();
        app.UseRouting();
        app.UseMiddleware<RequestGateMiddleware>();
        // Inside the gate, so the mode's handler threads run the MVC stack as they run the endpoints.
        app.UseMvcPipeline();
        app.UseEndpoints(endpoints => endpoints.MapEndpointGroups());
    }

    /// <summary>Every endpoint group of the web server; the one place to add a new group.</summary>
    public static IEndpointRouteBuilder MapEndpointGroups(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpsEndpoints();
        endpoints.MapHelloEndpoints();
        endpoints.MapSleepEndpoints();
        endpoints.MapCpuEndpoints();
        endpoints.MapParquetEndpoints();
        endpoints.MapCandleEndpoints();
        endpoints.MapControllers();
        return endpoints;
    }
}
