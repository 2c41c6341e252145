using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Testbed.Proxy.Health;

/// <summary>
/// Active health policy: one probe decides. A 2xx from /healthz makes the backend Healthy and also
/// lifts a passive ban at once (so a restarted backend rejoins within one interval instead of
/// waiting out the reactivation period); anything else makes it Unhealthy. YARP's built-in
/// ConsecutiveFailures policy needs two failed probes, too slow for the failover the experiments show.
/// </summary>
internal sealed class ProbeHealthPolicy(IDestinationHealthUpdater healthUpdater) : IActiveHealthCheckPolicy
{
    public const string PolicyName = "TestbedProbe";

    public string Name => PolicyName;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        var newStates = new List<NewActiveDestinationHealth>(probingResults.Count);
        foreach (var result in probingResults)
        {
            var healthy = result.Exception is null && result.Response is { IsSuccessStatusCode: true };
            newStates.Add(new NewActiveDestinationHealth(result.Destination, healthy ? DestinationHealth.Healthy : DestinationHealth.Unhealthy));
            if (healthy && result.Destination.Health.Passive == DestinationHealth.Unhealthy)
            {
                healthUpdater.SetPassive(cluster, result.Destination, DestinationHealth.Unknown, TimeSpan.Zero);
            }
        }

        healthUpdater.SetActive(cluster, newStates);
    }
}
