using Microsoft.Extensions.Logging;
using Testbed.Common;
using Testbed.Proxy.Balancing;

namespace Testbed.Proxy.Configuration;

/// <summary>
/// Everything the proxy runs with, resolved from flags, TESTBED_BACKENDS and appsettings.json by
/// <see cref="ProxyOptionsResolver"/> and checked by <see cref="Validate"/> before the host starts.
/// </summary>
internal sealed record ProxyOptions
{
    public const string DefaultUrls = "http://127.0.0.1:8000";

    /// <summary>The one YARP cluster every request goes to.</summary>
    public const string ClusterId = "backends";

    /// <summary>Fixed backends (from --backend, TESTBED_BACKENDS or appsettings.json). Defaults to none.</summary>
    public IReadOnlyList<Backend> Backends { get; init; } = [];

    /// <summary>A host name whose addresses are backends (--backends-dns). Defaults to none.</summary>
    public DnsBackendSource? DnsBackends { get; init; }

    /// <summary>How often the --backends-dns name is resolved again. Defaults to 5 s.</summary>
    public TimeSpan DnsRefresh { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A name from <see cref="BalancingPolicies"/>. Defaults to RoundRobin.</summary>
    public string Policy { get; init; } = BalancingPolicies.Default;

    /// <summary>Kestrel listen URLs, ';'-separated. Defaults to http://127.0.0.1:8000.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Period of the active /healthz probes; zero turns them off. Defaults to 2 s.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one probe may take before it counts as failed. Defaults to 1 s.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Path probed on every backend. Defaults to /healthz.</summary>
    public string HealthPath { get; init; } = "/healthz";

    /// <summary>
    /// How long a backend whose request failed (connection refused or reset, timeout) stays out of
    /// rotation, unless an active probe succeeds first. Defaults to 10 s (nginx's fail_timeout).
    /// </summary>
    public TimeSpan ReactivationPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for a backend's response headers (then 504). Defaults to 60 s (nginx's proxy_read_timeout).</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Cap on pooled connections per backend; null means unlimited. Defaults to unlimited.</summary>
    public int? MaxConnectionsPerBackend { get; init; }

    /// <summary>Minimum level of the console log. Defaults to Warning: nothing is logged per request.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>TCP connect timeout to a backend: the upstream timeout, at most 5 s, so a dead host fails over fast.</summary>
    public TimeSpan ConnectTimeout => UpstreamTimeout < TimeSpan.FromSeconds(5) ? UpstreamTimeout : TimeSpan.FromSeconds(5);

    public void Validate()
    {
        if (Backends.Count == 0 && DnsBackends is null)
        {
            throw new UsageException("no backend: give --backend URL, --backends-dns NAME:PORT, TESTBED_BACKENDS or a ReverseProxy section in appsettings.json");
        }

        if (BalancingPolicies.Normalize(Policy) != Policy)
        {
            throw new UsageException(CommandLineApp.OneOfMessage("policy", Policy, BalancingPolicies.All));
        }

        foreach (var backend in Backends)
        {
            if (backend.Address.Scheme is not ("http" or "https") || !backend.Address.IsAbsoluteUri)
            {
                throw new UsageException($"backend '{backend.Address}' must be an absolute http:// or https:// URL");
            }
        }

        if (Backends.Select(b => b.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Backends.Count)
        {
            throw new UsageException("backend ids must be unique");
        }

        if (HealthInterval < TimeSpan.Zero || HealthTimeout <= TimeSpan.Zero || ReactivationPeriod <= TimeSpan.Zero
            || UpstreamTimeout <= TimeSpan.Zero || DnsRefresh <= TimeSpan.Zero)
        {
            throw new UsageException("durations must be positive (--health-interval may be 0 to turn active checks off)");
        }

        if (!HealthPath.StartsWith('/'))
        {
            throw new UsageException($"--health-path '{HealthPath}' must start with '/'");
        }

        if (MaxConnectionsPerBackend is < 1)
        {
            throw new UsageException("--max-connections must be at least 1");
        }

        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--urls '{url}' is not an http:// or https:// URL");
            }
        }

        if (string.IsNullOrWhiteSpace(Urls))
        {
            throw new UsageException("--urls is empty");
        }
    }
}
