using System.Net;
using Testbed.Proxy.Configuration;
using Testbed.Proxy.Health;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace Testbed.Proxy.Hosting;

/// <summary>Builds the one YARP route (every path) and the one cluster (every backend) from the options.</summary>
internal static class ProxyConfigFactory
{
    public const string RouteId = "all";

    public static RouteConfig CreateRoute() => new()
    {
        RouteId = RouteId,
        ClusterId = ProxyOptions.ClusterId,
        // The proxy's own /healthz and /proxy/stats are literal routes and win over this catch-all.
        Match = new RouteMatch { Path = "{**catch-all}" },
    };

    public static ClusterConfig CreateCluster(ProxyOptions options, IEnumerable<Backend> backends) => new()
    {
        ClusterId = ProxyOptions.ClusterId,
        LoadBalancingPolicy = options.Policy,
        Destinations = backends.ToDictionary(
            b => b.Id,
            b => new DestinationConfig { Address = b.Address.ToString() },
            StringComparer.OrdinalIgnoreCase),
        HealthCheck = new HealthCheckConfig
        {
            Active = options.HealthInterval > TimeSpan.Zero
                ? new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = options.HealthInterval,
                    Timeout = options.HealthTimeout,
                    Path = options.HealthPath,
                    Policy = ProbeHealthPolicy.PolicyName,
                }
                : null,
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = FailFastPassiveHealthPolicy.PolicyName,
                ReactivationPeriod = options.ReactivationPeriod,
            },
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
        },
        HttpClient = new HttpClientConfig
        {
            MaxConnectionsPerServer = options.MaxConnectionsPerBackend,
        },
        HttpRequest = new ForwarderRequestConfig
        {
            ActivityTimeout = options.UpstreamTimeout,
            // Backends speak HTTP/1.1 over cleartext; asking for it outright skips YARP's HTTP/2 default.
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            AllowResponseBuffering = false,
        },
    };
}
