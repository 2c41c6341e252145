using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Testbed.Common;
using Testbed.Proxy.Balancing;

namespace Testbed.Proxy.Configuration;

/// <summary>
/// Turns the command line, the environment and appsettings.json into <see cref="ProxyOptions"/>.
/// Backends come from the first source that names any: --backend flags, then TESTBED_BACKENDS
/// (comma-separated), then the ReverseProxy section of appsettings.json (YARP's own shape);
/// --backends-dns adds to whichever it is. The policy likewise: --policy, then the config cluster's
/// LoadBalancingPolicy, then RoundRobin. Every problem is a <see cref="UsageException"/> (exit 2).
/// </summary>
internal static class ProxyOptionsResolver
{
    public const string BackendsVariable = "TESTBED_BACKENDS";
    public const string DefaultConfigFile = "appsettings.json";

    public static ProxyOptions Resolve(ProxyArguments args, Func<string, string?> environment, string currentDirectory)
    {
        var config = LoadConfig(args.ConfigFile, currentDirectory);
        var (configBackends, configPolicy) = ReadReverseProxySection(config);

        IReadOnlyList<Backend> backends;
        var fromEnvironment = environment(BackendsVariable);
        if (args.Backends.Count > 0)
        {
            backends = ParseUrls(args.Backends, "--backend");
        }
        else if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            backends = ParseUrls(fromEnvironment.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), BackendsVariable);
        }
        else
        {
            backends = configBackends;
        }

        DnsBackendSource? dns = null;
        if (args.BackendsDns is not null)
        {
            dns = DnsBackendSource.TryParse(args.BackendsDns, out var error) ?? throw new UsageException(error!);
        }

        var policyText = args.Policy ?? configPolicy ?? BalancingPolicies.Default;
        var policy = BalancingPolicies.Normalize(policyText)
            ?? throw new UsageException(CommandLineApp.OneOfMessage("policy", policyText, BalancingPolicies.All));

        if (!Enum.TryParse<LogLevel>(args.LogLevel, ignoreCase: true, out var logLevel) || !Enum.IsDefined(logLevel))
        {
            throw new UsageException($"unknown --log-level '{args.LogLevel}' (expected {string.Join(", ", Enum.GetNames<LogLevel>())})");
        }

        var options = new ProxyOptions
        {
            Backends = backends,
            DnsBackends = dns,
            DnsRefresh = Duration(args.DnsRefresh, "--dns-refresh"),
            Policy = policy,
            Urls = args.Urls,
            HealthInterval = Duration(args.HealthInterval, "--health-interval"),
            HealthTimeout = Duration(args.HealthTimeout, "--health-timeout"),
            HealthPath = args.HealthPath,
            ReactivationPeriod = Duration(args.ReactivationPeriod, "--reactivation-period"),
            UpstreamTimeout = Duration(args.Timeout, "--timeout"),
            MaxConnectionsPerBackend = args.MaxConnections,
            LogLevel = logLevel,
        };
        options.Validate();
        return options;
    }

    private static IConfiguration LoadConfig(string? configFile, string currentDirectory)
    {
        var path = Path.GetFullPath(configFile ?? DefaultConfigFile, currentDirectory);
        if (!File.Exists(path))
        {
            return configFile is null
                ? new ConfigurationBuilder().Build()
                : throw new UsageException($"--config '{configFile}': file not found");
        }

        try
        {
            return new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            throw new UsageException($"{path}: {e.Message.Split('\n')[0].Trim()}");
        }
    }

    /// <summary>Reads destinations and the policy from YARP's shape: ReverseProxy:Clusters:{id}:Destinations:{id}:Address.</summary>
    private static (IReadOnlyList<Backend> Backends, string? Policy) ReadReverseProxySection(IConfiguration config)
    {
        var backends = new List<Backend>();
        string? policy = null;
        foreach (var cluster in config.GetSection("ReverseProxy:Clusters").GetChildren())
        {
            policy ??= cluster["LoadBalancingPolicy"];
            foreach (var destination in cluster.GetSection("Destinations").GetChildren())
            {
                var address = destination["Address"]
                    ?? throw new UsageException($"appsettings.json: destination '{destination.Key}' has no Address");
                backends.Add(new Backend(destination.Key, ParseUrl(address, $"appsettings.json destination '{destination.Key}'")));
            }
        }

        return (backends, policy);
    }

    private static List<Backend> ParseUrls(IEnumerable<string> urls, string source) =>
        urls.Select((url, i) => new Backend($"b{i + 1}", ParseUrl(url, source))).ToList();

    private static Uri ParseUrl(string text, string source)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            throw new UsageException($"{source}: '{text}' is not an absolute http:// or https:// URL");
        }

        return uri;
    }

    private static TimeSpan Duration(string text, string flag) =>
        DurationParser.TryParse(text, out var value)
            ? value
            : throw new UsageException($"{flag} '{text}' is not a duration (e.g. 2, 2s, 250ms, 1m)");
}
