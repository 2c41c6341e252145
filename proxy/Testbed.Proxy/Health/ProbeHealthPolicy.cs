using System.Net.Http;
using System.Runtime.CompilerServices;
using Testbed.Proxy.Stats;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Testbed.Proxy.Health;

/// <summary>
/// Active health policy. A 2xx from /healthz makes the backend Healthy and also lifts a passive ban
/// at once, so a restarted backend rejoins within one interval instead of waiting out the
/// reactivation period. A refused connection or a non-2xx answer makes it Unhealthy at once
/// (YARP's ConsecutiveFailures policy waits for two, too slow for the failover the experiments
/// show). Timeouts are treated gently: a probe that times out is ignored while the backend keeps
/// answering proxied requests (a CPU-starved backend under load, as in experiment E6, answers its
/// queue slowly, probes included, and taking it out would turn slowness into 503s that nginx would
/// not produce), and otherwise marks it Unhealthy only at the second timeout in a row.
/// </summary>
internal sealed class ProbeHealthPolicy(IDestinationHealthUpdater healthUpdater, DestinationActivity activity) : IActiveHealthCheckPolicy
{
    public const string PolicyName = "TestbedProbe";

    /// <summary>Timed-out probes in a row before a backend with no other sign of life is Unhealthy.</summary>
    public const int TimeoutsToFail = 2;

    private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _timeoutsInRow = [];

    public string Name => PolicyName;

    public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
    {
        var active = cluster.Model.Config.HealthCheck?.Active;
        var window = (active?.Interval ?? TimeSpan.FromSeconds(2)) + (active?.Timeout ?? TimeSpan.FromSeconds(1));
        var newStates = new List<NewActiveDestinationHealth>(probingResults.Count);
        foreach (var result in probingResults)
        {
            var healthy = IsHealthy(result, window);
            if (healthy is null)
            {
                continue; // no verdict: keep the current state
            }

            newStates.Add(new NewActiveDestinationHealth(result.Destination, healthy.Value ? DestinationHealth.Healthy : DestinationHealth.Unhealthy));
            if (healthy.Value && result.Response is not null && result.Destination.Health.Passive == DestinationHealth.Unhealthy)
            {
                healthUpdater.SetPassive(cluster, result.Destination, DestinationHealth.Unknown, TimeSpan.Zero);
            }
        }

        healthUpdater.SetActive(cluster, newStates);
    }

    /// <summary>True or false for a verdict, null to leave the state as it is.</summary>
    private bool? IsHealthy(DestinationProbingResult result, TimeSpan window)
    {
        var timeouts = _timeoutsInRow.GetValue(result.Destination, static _ => new StrongBox<int>());
        if (result.Response is { } response)
        {
            timeouts.Value = 0;
            return response.IsSuccessStatusCode;
        }

        if (result.Exception is HttpRequestException)
        {
            timeouts.Value = 0;
            return false; // refused, reset, unreachable
        }

        // Timed out. Alive if it answered proxied traffic within the last interval plus timeout.
        var lastAnswer = activity.Find(result.Destination.DestinationId)?.LastSuccessTicks ?? 0;
        if (lastAnswer != 0 && Environment.TickCount64 - lastAnswer <= (long)window.TotalMilliseconds)
        {
            timeouts.Value = 0;
            return true;
        }

        return ++timeouts.Value >= TimeoutsToFail ? false : null;
    }
}
