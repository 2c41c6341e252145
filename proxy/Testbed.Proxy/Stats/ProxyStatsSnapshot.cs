using Testbed.Common;

namespace Testbed.Proxy.Stats;

/// <summary>
/// The body of GET /proxy/stats. <see cref="Process"/>: the proxy's own CPU, descriptors and cgroup
/// throttling, for a reader that did not start it (the suite against a container).
/// </summary>
internal sealed record ProxyStatsSnapshot(
    string Policy,
    int Backends,
    int Healthy,
    long Rejected,
    IReadOnlyList<DestinationStats> Destinations,
    ProcessFigures Process);
