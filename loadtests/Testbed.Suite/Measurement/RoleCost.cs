namespace Testbed.Suite.Measurement;

/// <summary>
/// What one role's processes spent during one load, as crank measures a job: CPU time (its cgroup's
/// cpuacct, or /proc/&lt;pid&gt;/stat summed over its process tree), time throttled by its CPU
/// limit, and open descriptors before and after (a leak shows as growth). NaN where unknown.
/// </summary>
internal sealed record RoleCost
{
    public required string Role { get; init; }

    public double CpuMs { get; init; } = double.NaN;

    public double ThrottledMs { get; init; } = double.NaN;

    public double FdsBefore { get; init; } = double.NaN;

    public double FdsAfter { get; init; } = double.NaN;

    public bool Alive { get; init; } = true;

    /// <summary>Wall time between the two readings, ms: CpuMs / WallMs is the cores the role used.</summary>
    public double WallMs { get; init; } = double.NaN;

    /// <summary>"cgroup", "proc", "stats" (read from the role's own stats: compose targets) or "none".</summary>
    public string Source { get; init; } = "none";
}
