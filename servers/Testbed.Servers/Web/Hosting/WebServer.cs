using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Testbed.Servers.Web.Hosting;

/// <summary>
/// One web server process: the <see cref="WebApp"/> on Kestrel, quiet logging on stderr, the ready
/// line on stdout. <see cref="CreateHostBuilder"/> is also what the tests' WebApplicationFactory builds.
/// </summary>
internal sealed class WebServer(WebServerOptions options)
{
    /// <summary>Long enough for in-flight requests to finish; blocking sleeps are woken at shutdown anyway.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    public WebServerOptions Options => options;

    public IHostBuilder CreateHostBuilder() =>
        new HostBuilder()
            .ConfigureLogging(logging =>
            {
                // No per-request logs (the server must be fast); warnings and errors on stderr only.
                logging.ClearProviders();
                logging.AddSimpleConsole(console => console.SingleLine = true);
                logging.AddFilter(level => level >= LogLevel.Warning);
                logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
                    console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            })
            .UseConsoleLifetime(lifetime => lifetime.SuppressStatusMessages = true)
            .ConfigureServices(services =>
            {
                services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
                if (options.WorkerIndex is not null)
                {
                    services.AddHostedService<SupervisorWatchService>();
                }
            })
            .ConfigureWebHost(web => web
                .UseSetting(WebHostDefaults.ApplicationKey, typeof(WebServer).Assembly.GetName().Name)
                .UseKestrel(kestrel =>
                {
                    kestrel.AddServerHeader = false;
                    kestrel.Listen(options.Endpoint);
                })
                .UseSockets(sockets =>
                {
                    if (options.WorkerIndex is not null)
                    {
                        sockets.CreateBoundListenSocket = ReusePortSocket.CreateBound;
                    }
                })
                .ConfigureServices(services => WebApp.ConfigureServices(services, options))
                .Configure(WebApp.Configure));

    /// <summary>Runs until SIGTERM/SIGINT (or, in a worker, until the supervisor goes away). Returns the exit code.</summary>
    public int Run()
    {
        using var host = CreateHostBuilder().Build();
        try
        {
            host.Start();
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"testbed-server: cannot listen on {ListenAddress.Format(options.Endpoint)}: {e.Message}");
            return 1;
        }

        var url = BoundUrl(host.Services);
        Console.Out.WriteLine(options.WorkerIndex is { } index
            ? ReadyLine.FormatWorker(index, url, Environment.ProcessId)
            : ReadyLine.Format(url, options.Mode, options.Workers));
        host.WaitForShutdown();
        return 0;
    }

    /// <summary>The URL actually bound (port 0 resolved).</summary>
    public static string BoundUrl(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        // Kestrel reports http://127.0.0.1:PORT for an IPEndPoint listen; normalize through our formatter.
        var first = new Uri(addresses.First());
        return ListenAddress.Format(new IPEndPoint(IPAddress.Parse(first.Host.Trim('[', ']')), first.Port));
    }
}
