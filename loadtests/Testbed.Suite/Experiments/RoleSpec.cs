namespace Testbed.Suite.Experiments;

/// <summary>
/// A process the experiment needs: a target server or a proxy. Locally it is started as
/// <c>Exe Args...</c> on a free loopback port; with <c>--targets compose</c> it is not started and
/// <see cref="Compose"/> (host:port of the compose service) is used instead.
/// </summary>
internal sealed record RoleSpec
{
    public required string Name { get; init; }

    /// <summary>Which executable: <see cref="RoleExecutables.Server"/> or <see cref="RoleExecutables.Proxy"/>.</summary>
    public required string Exe { get; init; }

    public List<string> Args { get; init; } = [];

    /// <summary><see cref="RoleKinds.Http"/> (the default) or <see cref="RoleKinds.Tcp"/>.</summary>
    public string Kind { get; init; } = RoleKinds.Http;

    /// <summary>CPU limit in cores (0.05 = 5% of one core); null = unlimited. Applied once the role is ready.</summary>
    public double? Cpus { get; init; }

    /// <summary>The compose service address, host:port, for <c>--targets compose</c>.</summary>
    public string? Compose { get; init; }

    /// <summary>Seconds to wait for the ready line or /healthz. Defaults to 60.</summary>
    public double ReadyTimeoutSeconds { get; init; } = 60;
}
