using System.Collections.Concurrent;

namespace Testbed.Proxy.Stats;

/// <summary>
/// Counters per backend, keyed by destination id so that they survive a DNS-driven configuration
/// change. A dependency-free singleton: both the stats endpoint and the active health policy
/// (which YARP constructs while building its own state) read it.
/// </summary>
internal sealed class DestinationActivity
{
    private readonly ConcurrentDictionary<string, DestinationCounters> _counters = new(StringComparer.Ordinal);

    /// <summary>Attempts in flight over all backends, and their integral.</summary>
    public BusyIntegral Total { get; } = new();

    public DestinationCounters For(string destinationId) =>
        _counters.GetOrAdd(destinationId, static _ => new DestinationCounters());

    public DestinationCounters? Find(string destinationId) =>
        _counters.TryGetValue(destinationId, out var counters) ? counters : null;
}
