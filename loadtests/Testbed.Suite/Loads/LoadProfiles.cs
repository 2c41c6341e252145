namespace Testbed.Suite.Loads;

/// <summary>
/// The load profiles a step may name: the testbed-load commands of the same names (<c>testbed-load
/// ab|users|threads|rate ... URL --json FILE</c>), which also write them as the run record's
/// <c>profile</c>. The suite never references testbed-load's code, so this is a copy of its
/// profile names; a test (LoadProfilesTests) checks it against <c>testbed-load --help</c> and the
/// run records, so that a renamed or added profile cannot drift unnoticed.
/// </summary>
internal static class LoadProfiles
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
