using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Testbed.Proxy.Configuration;

namespace Testbed.Proxy.Hosting;

/// <summary>
/// Resolves the --backends-dns name before the proxy starts listening and again every
/// <see cref="ProxyOptions.DnsRefresh"/>, turning each address into a backend. A failed lookup
/// keeps the previous set: a name that briefly disappears (containers restarting) must not empty
/// the pool. The first lookup may fail too (Compose starts the proxy before its backends); the
/// proxy then answers 503 until the name resolves.
/// </summary>
internal sealed class DnsBackendRefresher(
    ProxyOptions options,
    BackendRegistry registry,
    IHostResolver resolver,
    ILogger<DnsBackendRefresher> logger) : BackgroundService
{
    private readonly DnsBackendSource _source = options.DnsBackends
        ?? throw new InvalidOperationException("DnsBackendRefresher needs --backends-dns");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.DnsRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(_source.Host, cancellationToken);
        }
        catch (SocketException e)
        {
            logger.LogWarning("cannot resolve {Host}: {Message}; keeping {Count} backends", _source.Host, e.Message, registry.Count);
            return;
        }

        var backends = addresses
            .Distinct()
            .Select(a => new IPEndPoint(a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a, _source.Port).ToString())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(endpoint => new Backend(endpoint, new Uri($"{_source.Scheme}://{endpoint}/")))
            .ToList();

        if (registry.SetDnsBackends(backends))
        {
            logger.LogInformation("{Host} resolves to {Count} backends: {Backends}", _source, backends.Count, string.Join(", ", backends.Select(b => b.Id)));
        }
    }
}
