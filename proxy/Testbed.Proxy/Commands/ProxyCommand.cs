using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Testbed.Common;
using Testbed.Proxy.Balancing;
using Testbed.Proxy.Configuration;
using Testbed.Proxy.Hosting;

namespace Testbed.Proxy.Commands;

/// <summary>The testbed-proxy command: parses flags, resolves options, runs the proxy until Ctrl-C or SIGTERM.</summary>
internal static class ProxyCommand
{
    public const string Name = "testbed-proxy";

    public static RootCommand Create()
    {
        var backend = new Option<string[]>("--backend", "-b")
        {
            Description = $"Backend base URL, e.g. http://127.0.0.1:8001; repeat for more. Defaults to ${ProxyOptionsResolver.BackendsVariable} (comma-separated), then appsettings.json's ReverseProxy section.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var backendsDns = new Option<string?>("--backends-dns")
        {
            Description = "NAME:PORT: every address NAME resolves to is a backend on PORT, re-resolved every --dns-refresh (for docker compose --scale). Adds to the fixed backends.",
        };
        var dnsRefresh = new Option<string>("--dns-refresh") { Description = "How often --backends-dns is resolved again.", DefaultValueFactory = _ => "5s" };
        var policy = new Option<string?>("--policy", "-p")
        {
            Description = $"Balancing policy: {string.Join(", ", BalancingPolicies.All)}. Defaults to appsettings.json's LoadBalancingPolicy, then {BalancingPolicies.Default}.",
        };
        var urls = new Option<string>("--urls") { Description = "Listen URL(s), ';'-separated.", DefaultValueFactory = _ => ProxyOptions.DefaultUrls };
        var config = new Option<string?>("--config") { Description = "Configuration file (YARP's ReverseProxy section). Defaults to ./appsettings.json when present." };
        var healthInterval = new Option<string>("--health-interval") { Description = "Period of active /healthz probes (2, 2s, 250ms); 0 turns them off.", DefaultValueFactory = _ => "2s" };
        var healthTimeout = new Option<string>("--health-timeout") { Description = "Timeout of one probe.", DefaultValueFactory = _ => "1s" };
        var healthPath = new Option<string>("--health-path") { Description = "Path probed on each backend.", DefaultValueFactory = _ => "/healthz" };
        var reactivation = new Option<string>("--reactivation-period") { Description = "How long a backend whose request failed stays out (a successful probe ends it sooner).", DefaultValueFactory = _ => "10s" };
        var timeout = new Option<string>("--timeout") { Description = "Upstream timeout: a backend that sends no response headers for this long gives 504.", DefaultValueFactory = _ => "60s" };
        var maxConnections = new Option<int?>("--max-connections") { Description = "Cap on keep-alive connections per backend. Defaults to unlimited." };
        var logLevel = new Option<string>("--log-level") { Description = "Console log level (Trace..None); nothing is logged per request at Warning.", DefaultValueFactory = _ => "Warning" };

        var root = new RootCommand("testbed-proxy: a YARP load balancer with active and passive health checks");
        foreach (var option in new Option[] { backend, backendsDns, dnsRefresh, policy, urls, config, healthInterval, healthTimeout, healthPath, reactivation, timeout, maxConnections, logLevel })
        {
            root.Options.Add(option);
        }

        root.SetAction(async (parseResult, cancellationToken) =>
        {
            var arguments = new ProxyArguments
            {
                Backends = parseResult.GetValue(backend) ?? [],
                BackendsDns = parseResult.GetValue(backendsDns),
                DnsRefresh = parseResult.GetValue(dnsRefresh)!,
                Policy = parseResult.GetValue(policy),
                Urls = parseResult.GetValue(urls)!,
                ConfigFile = parseResult.GetValue(config),
                HealthInterval = parseResult.GetValue(healthInterval)!,
                HealthTimeout = parseResult.GetValue(healthTimeout)!,
                HealthPath = parseResult.GetValue(healthPath)!,
                ReactivationPeriod = parseResult.GetValue(reactivation)!,
                Timeout = parseResult.GetValue(timeout)!,
                MaxConnections = parseResult.GetValue(maxConnections),
                LogLevel = parseResult.GetValue(logLevel)!,
            };
            var options = ProxyOptionsResolver.Resolve(arguments, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
            return await RunAsync(options, cancellationToken);
        });
        return root;
    }

    private static async Task<int> RunAsync(ProxyOptions options, CancellationToken cancellationToken)
    {
        await using var app = ProxyHost.Build(options);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or AddressInUseException or InvalidOperationException)
        {
            Console.Error.WriteLine($"{Name}: cannot listen on {options.Urls}: {e.Message}");
            return CommandLineApp.ExitFailure;
        }

        await app.WaitForShutdownAsync(cancellationToken);
        return CommandLineApp.ExitOk;
    }
}
