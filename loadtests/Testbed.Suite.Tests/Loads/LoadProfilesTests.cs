using System.Text.RegularExpressions;
using Testbed.Suite.Launch;
using Testbed.Suite.Loads;

namespace Testbed.Suite.Tests.Loads;

/// <summary>The suite's copy of the profile names against the real testbed-load, so that they cannot drift apart.</summary>
public sealed partial class LoadProfilesTests
{
    [Fact]
    public async Task All_AgainstTestbedLoadHelp_NamesExactlyItsLoadCommands()
    {
        var (code, help, _) = await ChildProcess.RunAsync(ExecutableLocator.Load, "--help");

        Assert.Equal(0, code);
        // A load command is one that takes the target URL ("ab <url>  ApacheBench's ...").
        var loadCommands = help[help.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n')
            .Select(line => LoadCommandLine().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet();
        Assert.True(loadCommands.SetEquals(ProfileNames.All), $"testbed-load's load commands: {string.Join(", ", loadCommands)}; the suite's: {string.Join(", ", ProfileNames.All)}");
    }

    [Fact]
    public async Task All_EachProfile_TestbedLoadAcceptsItAsACommand()
    {
        foreach (var profile in ProfileNames.All)
        {
            var (code, help, stderr) = await ChildProcess.RunAsync(ExecutableLocator.Load, profile, "--help");
            Assert.True(code == 0, $"testbed-load {profile} --help: exit {code}: {stderr}");
            Assert.Contains("--json", help);
        }
    }

    [GeneratedRegex(@"^\s{2}([a-z][a-z0-9-]*) <url>\s")]
    private static partial Regex LoadCommandLine();
}
