using Testbed.Proxy.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace Testbed.Proxy.Hosting;

/// <summary>
/// The current backend list (fixed ones plus those the DNS name resolves to) and the YARP
/// in-memory configuration built from it. Replacing the list replaces YARP's configuration; YARP
/// keeps the state (health, counters, pooled connections) of destinations whose id is unchanged.
/// </summary>
internal sealed class BackendRegistry
{
    private readonly object _gate = new();
    private readonly ProxyOptions _options;
    private IReadOnlyList<Backend> _dnsBackends = [];

    public BackendRegistry(ProxyOptions options)
    {
        _options = options;
        ConfigProvider = new InMemoryConfigProvider([ProxyConfigFactory.CreateRoute()], [ProxyConfigFactory.CreateCluster(options, options.Backends)]);
    }

    public InMemoryConfigProvider ConfigProvider { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _options.Backends.Count + _dnsBackends.Count;
            }
        }
    }

    /// <summary>Replaces the DNS-derived backends; returns false (and changes nothing) when the set is the same.</summary>
    public bool SetDnsBackends(IReadOnlyList<Backend> backends)
    {
        lock (_gate)
        {
            if (backends.Select(b => b.Id).Order(StringComparer.Ordinal)
                .SequenceEqual(_dnsBackends.Select(b => b.Id).Order(StringComparer.Ordinal)))
            {
                return false;
            }

            _dnsBackends = backends;
            var all = _options.Backends.Concat(backends).ToList();
            ConfigProvider.Update([ProxyConfigFactory.CreateRoute()], [ProxyConfigFactory.CreateCluster(_options, all)]);
            return true;
        }
    }
}
