using Testbed.Suite.Launch;

namespace Testbed.Suite.Loads;

/// <summary>One load to run: <c>testbed-load Profile Args... Url --json JsonPath --quiet</c>, stopped by force after <see cref="HardTimeout"/>.</summary>
internal sealed record LoadInvocation(string Profile, IReadOnlyList<string> Args, string Url, string JsonPath, TimeSpan HardTimeout)
{
    /// <summary>Cores the load runs on (taskset -c); null = the driver's.</summary>
    public string? Cores { get; init; }

    /// <summary>
    /// Serve testbed-load's live page on this port (<c>--dashboard PORT</c>), for testbed-suite's own
    /// page; null = none. It is left out of the command shown in reports: it changes nothing measured.
    /// </summary>
    public int? DashboardPort { get; init; }

    public IReadOnlyList<string> FullArguments => [Profile, .. Args, Url, "--json", JsonPath, "--quiet"];

    /// <summary>The command as a user would type it again (without <see cref="DashboardPort"/>).</summary>
    public string CommandLine => Shown(FullArguments);

    public static string Shown(IEnumerable<string> arguments) => ExecutableLocator.Load + " " + string.Join(' ', arguments.Select(RoleLaunch.ShellQuote));
}
