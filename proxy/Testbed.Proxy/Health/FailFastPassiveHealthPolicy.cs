using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Testbed.Proxy.Health;

/// <summary>
/// Passive health policy: the first request to a backend that fails at the transport level
/// (refused or reset connection, timeout) takes it out of rotation for the reactivation period, as
/// nginx does with max_fails=1. YARP's TransportFailureRate policy waits for a failure rate over a
/// 60 s window with at least 10 requests, during which a dead backend keeps receiving its share.
/// Successes write nothing, to keep the hot path free of shared writes.
/// </summary>
internal sealed class FailFastPassiveHealthPolicy(IDestinationHealthUpdater healthUpdater) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "TestbedFailFast";

    private static readonly TimeSpan FallbackReactivation = TimeSpan.FromSeconds(10);

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is null || context.RequestAborted.IsCancellationRequested || !IsBackendFault(error.Error)
            || destination.Health.Passive == DestinationHealth.Unhealthy)
        {
            return;
        }

        var period = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? FallbackReactivation;
        healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, period);
    }

    /// <summary>Errors that say the backend is unreachable or stuck, not that the client went away.</summary>
    public static bool IsBackendFault(ForwarderError error) => error
        is ForwarderError.Request
        or ForwarderError.RequestTimedOut
        or ForwarderError.RequestBodyDestination
        or ForwarderError.ResponseBodyDestination
        or ForwarderError.ResponseHeaders;
}
