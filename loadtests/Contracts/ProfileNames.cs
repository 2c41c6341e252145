namespace Testbed.Contracts;

/// <summary>
/// The load profiles: testbed-load's commands of the same names, the run record's <c>profile</c>,
/// and the profiles an experiment step may name. Defined here once for both programs.
/// </summary>
internal static class ProfileNames
{
    /// <summary>Closed model, ApacheBench's: -n requests over -c connections.</summary>
    public const string Ab = "ab";

    /// <summary>Closed model with think time: virtual users, spawned at a rate, for a duration.</summary>
    public const string Users = "users";

    /// <summary>Closed model, JMeter's thread group: threads × loops with a ramp-up.</summary>
    public const string Threads = "threads";

    /// <summary>Open model: a fixed arrival rate, latency also corrected for coordinated omission.</summary>
    public const string Rate = "rate";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Ab, Users, Threads, Rate };
}
