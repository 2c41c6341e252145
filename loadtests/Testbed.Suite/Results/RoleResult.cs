namespace Testbed.Suite.Results;

/// <summary>How a role ran: its exact command line (re-runnable), address, and CPU limit.</summary>
internal sealed record RoleResult
{
    public required string Name { get; init; }

    public required string CommandLine { get; init; }

    public required string Url { get; init; }

    public double? Cpus { get; init; }

    public string LimitMethod { get; init; } = "none";

    /// <summary>The most CPU the role used over one load, in cores (CPU ms / wall ms); null until measured.</summary>
    public double? PeakCores { get; init; }

    /// <summary>Whether its CPU limit was seen in force ("in force: …", "limit not in force: …", "not reached: …"); null for no limit or no measurement.</summary>
    public string? LimitCheck { get; init; }
}
