namespace Testbed.Suite.Loads;

/// <summary>
/// The load profiles a step may name: the testbed-load commands of the same names (<c>testbed-load
/// ab|users|threads|rate|capacity ... URL --json FILE</c>), which also write them as the run record's
/// <c>profile</c>. The names are the shared contract's <see cref="ProfileNames"/> (loadtests/Contracts,
/// compiled into both programs); LoadProfilesTests still checks them against <c>testbed-load --help</c>.
/// </summary>
internal static class LoadProfiles
{
    /// <inheritdoc cref="ProfileNames.Ab"/>
    public const string Ab = ProfileNames.Ab;

    /// <inheritdoc cref="ProfileNames.Users"/>
    public const string Users = ProfileNames.Users;

    /// <inheritdoc cref="ProfileNames.Threads"/>
    public const string Threads = ProfileNames.Threads;

    /// <inheritdoc cref="ProfileNames.Rate"/>
    public const string Rate = ProfileNames.Rate;

    /// <summary>
    /// <inheritdoc cref="ProfileNames.Capacity"/> A step of this profile runs <c>testbed-load capacity</c>
    /// as its one load: the search is one process (no --segment, no --dashboard), and its record holds
    /// the answer (<c>capacity</c> metrics) beside the last passing probe's figures.
    /// </summary>
    public const string Capacity = ProfileNames.Capacity;

    public static readonly IReadOnlySet<string> All = ProfileNames.All;
}
