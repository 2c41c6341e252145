namespace Testbed.Proxy.Stats;

/// <summary>The body of GET /proxy/stats.</summary>
internal sealed record ProxyStatsSnapshot(
    string Policy,
    int Backends,
    int Healthy,
    long Rejected,
    IReadOnlyList<DestinationStats> Destinations);
