namespace Testbed.Suite.Tests.Compose;

/// <summary>
/// What makes a role the set-up its claims were written for, described the same way from an
/// experiment file's local command line and from a compose service: the program, its mode, worker
/// processes, threads (mode threaded only), CPU limit, the TCP child, the balancer's policy and
/// backends (as compose services).
/// </summary>
internal sealed record RoleSetup(
    string Program,
    string? Mode,
    int Workers,
    int? Threads,
    double? Cpus,
    string? Child,
    string? Policy,
    string Backends)
{
    public override string ToString() =>
        $"{Program} mode={Mode} workers={Workers} threads={Threads?.ToString() ?? "-"} cpus={Cpus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"}"
        + (Child is null ? "" : $" child={Child}") + (Policy is null ? "" : $" policy={Policy} backends=[{Backends}]");
}
