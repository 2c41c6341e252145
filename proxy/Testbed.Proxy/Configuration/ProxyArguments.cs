namespace Testbed.Proxy.Configuration;

/// <summary>The command line as typed, before defaults from the environment and appsettings.json apply.</summary>
internal sealed record ProxyArguments
{
    public IReadOnlyList<string> Backends { get; init; } = [];
    public string? BackendsDns { get; init; }
    public string DnsRefresh { get; init; } = "5s";
    public string? Policy { get; init; }
    public string Urls { get; init; } = ProxyOptions.DefaultUrls;
    public string? ConfigFile { get; init; }
    public string HealthInterval { get; init; } = "2s";
    public string HealthTimeout { get; init; } = "1s";
    public string HealthPath { get; init; } = "/healthz";
    public string ReactivationPeriod { get; init; } = "10s";
    public string Timeout { get; init; } = "60s";
    public int? MaxConnections { get; init; }
    public string LogLevel { get; init; } = "Warning";
}
