using Testbed.Suite.Launch;

namespace Testbed.Suite.Tests.Commands;

/// <summary>testbed-suite as a real process: bad input gives one line on stderr and exit code 2, before anything starts.</summary>
public sealed class SuiteCommandTests
{
    [Theory]
    [InlineData("--quick", "--full")]
    [InlineData("--targets", "swarm")]
    [InlineData("--only")]
    [InlineData("--load-exe", "/nonexistent/testbed-load")]
    [InlineData("--experiments", "/nonexistent/experiments")]
    [InlineData("--cpu-limiter", "nice")]
    [InlineData("--pin", "core0")]
    [InlineData("--generators", "0")]
    [InlineData("--generators", "two")]
    [InlineData("--dashboard", "70000")]
    [InlineData("suite")]
    public async Task Main_BadInput_ExitCode2AndOneLine(params string[] args)
    {
        var (code, _, stderr) = await ChildProcess.RunAsync(ExecutableLocator.Suite, args);

        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("testbed-suite:", stderr);
    }

    [Fact]
    public async Task Main_Help_ListsEveryOption()
    {
        var (code, help, _) = await ChildProcess.RunAsync(ExecutableLocator.Suite, "--help");

        Assert.Equal(0, code);
        foreach (var option in new[] { "--quick", "--full", "--only", "--out", "--targets", "--experiments", "--server-exe", "--proxy-exe", "--load-exe", "--generators", "--dashboard" })
        {
            Assert.Contains(option, help);
        }
    }
}
