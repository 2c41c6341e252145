namespace Testbed.Suite.Loads;

/// <summary>
/// The load profiles a step may name: the testbed-load commands of the same names (<c>testbed-load
/// ab|users|threads|rate ... URL --json FILE</c>), which also write them as the run record's
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

    public static readonly IReadOnlySet<string> All = ProfileNames.All;
}
