using Testbed.Common;
using Testbed.Proxy.Configuration;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Testbed.Proxy.Stats;

/// <summary>
/// Request and failure counts per backend (<see cref="DestinationActivity"/>) joined with YARP's
/// live state (in-flight count, health) on demand, plus the count of requests rejected with 503.
/// </summary>
internal sealed class ProxyStats(IProxyStateLookup proxyState, DestinationActivity activity, ProxyOptions options)
{
    private long _rejected;

    public void Record(DestinationState destination, FailureKind? failure) => activity.For(destination.DestinationId).Record(failure);

    /// <summary>Counts a request answered 503 because no backend could take it.</summary>
    public void RecordRejected() => Interlocked.Increment(ref _rejected);

    public ProxyStatsSnapshot Snapshot()
    {
        var destinations = new List<DestinationStats>();
        if (proxyState.TryGetCluster(ProxyOptions.ClusterId, out var cluster))
        {
            foreach (var destination in cluster.DestinationsState.AllDestinations.OrderBy(d => d.DestinationId, StringComparer.Ordinal))
            {
                var counters = activity.Find(destination.DestinationId);
                var (inFlight, busyMs) = counters?.Busy.Read() ?? (0, 0);
                destinations.Add(new DestinationStats(
                    destination.DestinationId,
                    destination.Model.Config.Address,
                    counters?.Requests ?? 0,
                    counters?.Failures ?? 0,
                    inFlight,
                    HealthOf(destination),
                    destination.Health.Active.ToString(),
                    destination.Health.Passive.ToString(),
                    Math.Round(busyMs, 3),
                    counters?.FailuresByKind ?? new FailureCounts(0, 0, 0, 0)));
            }
        }

        var (totalInFlight, totalBusyMs) = activity.Total.Read();
        return new ProxyStatsSnapshot(
            options.Policy,
            destinations.Count,
            destinations.Count(d => d.Health != Unhealthy),
            Interlocked.Read(ref _rejected),
            destinations,
            ProcessFigures.ForSelf(),
            destinations.Sum(d => d.Requests),
            destinations.Sum(d => d.Failures),
            totalInFlight,
            Math.Round(totalBusyMs, 3));
    }

    public (int Backends, int Available) Availability()
    {
        if (!proxyState.TryGetCluster(ProxyOptions.ClusterId, out var cluster))
        {
            return (0, 0);
        }

        var state = cluster.DestinationsState;
        return (state.AllDestinations.Count, state.AvailableDestinations.Count);
    }

    private const string Unhealthy = "unhealthy";

    /// <summary>Unhealthy if either check says so (YARP's HealthyAndUnknown rule), healthy once a probe or request succeeded.</summary>
    private static string HealthOf(DestinationState destination)
    {
        var health = destination.Health;
        if (health.Active == DestinationHealth.Unhealthy || health.Passive == DestinationHealth.Unhealthy)
        {
            return Unhealthy;
        }

        return health.Active == DestinationHealth.Healthy || health.Passive == DestinationHealth.Healthy ? "healthy" : "unknown";
    }
}
