using Microsoft.AspNetCore.Builder;
using Testbed.Proxy.Configuration;
using Testbed.Proxy.Hosting;
using Testbed.Proxy.Stats;
using System.Text.Json;

namespace Testbed.Proxy.Tests.Support;

/// <summary>The real proxy (Kestrel, YARP, our policies) in-process on an ephemeral loopback port.</summary>
internal sealed class RunningProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningProxy(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<RunningProxy> StartAsync(ProxyOptions options, IHostResolver? resolver = null)
    {
        options = options with { Urls = "http://127.0.0.1:0" };
        options.Validate();
        var app = ProxyHost.Build(options, resolver);
        await app.StartAsync();
        return new RunningProxy(app, new Uri(ProxyHost.BoundAddress(app)));
    }

    /// <summary>Probe period of <see cref="FastProbeOptions"/>: short, so that health changes show within a test.</summary>
    public static readonly TimeSpan FastProbeInterval = TimeSpan.FromMilliseconds(1000);

    /// <summary>Options for the given backends with fast probes and a passive ban that outlasts any test.</summary>
    public static ProxyOptions FastProbeOptions(params TestBackend[] backends) => new()
    {
        Backends = BackendsOf(backends),
        HealthInterval = FastProbeInterval,
        HealthTimeout = TimeSpan.FromSeconds(1),
        ReactivationPeriod = TimeSpan.FromSeconds(30),
    };

    /// <summary>Backends for <see cref="ProxyOptions.Backends"/>, named after the test backends.</summary>
    public static IReadOnlyList<Backend> BackendsOf(params TestBackend[] backends) =>
        backends.Select(b => new Backend(b.Name, b.Url)).ToList();

    public async Task<ProxyStatsSnapshot> StatsAsync()
    {
        var json = await Client.GetStringAsync(ProxyHost.StatsPath);
        return JsonSerializer.Deserialize(json, ProxyJsonContext.Default.ProxyStatsSnapshot)!;
    }

    /// <summary>Polls /proxy/stats until the condition holds or the deadline passes; returns whether it held.</summary>
    public async Task<bool> WaitForStatsAsync(Func<ProxyStatsSnapshot, bool> condition, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (condition(await StatsAsync()))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition(await StatsAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
