namespace Testbed.Suite.Results;

/// <summary>How a role ran: its exact command line (re-runnable), address, and CPU limit.</summary>
internal sealed record RoleResult
{
    public required string Name { get; init; }

    public required string CommandLine { get; init; }

    public required string Url { get; init; }

    public double? Cpus { get; init; }

    public string LimitMethod { get; init; } = "none";
}
