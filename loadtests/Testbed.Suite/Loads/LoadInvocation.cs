namespace Testbed.Suite.Loads;

/// <summary>One load to run: <c>testbed-load Profile Args... Url --json JsonPath --quiet</c>, stopped by force after <see cref="HardTimeout"/>.</summary>
internal sealed record LoadInvocation(string Profile, IReadOnlyList<string> Args, string Url, string JsonPath, TimeSpan HardTimeout)
{
    public IReadOnlyList<string> FullArguments => [Profile, .. Args, Url, "--json", JsonPath, "--quiet"];
}
