using Testbed.Common;

namespace Testbed.Proxy.Stats;

/// <summary>
/// The body of GET /proxy/stats. <see cref="Process"/>: the proxy's own CPU, descriptors and cgroup
/// throttling, for a reader that did not start it (the suite against a container). Requests,
/// Failures, InFlight and BusyMs are the totals over the backends (attempts, as per backend).
/// </summary>
internal sealed record ProxyStatsSnapshot(
    string Policy,
    int Backends,
    int Healthy,
    long Rejected,
    IReadOnlyList<DestinationStats> Destinations,
    ProcessFigures Process,
    long Requests,
    long Failures,
    int InFlight,
    double BusyMs);
