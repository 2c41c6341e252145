using System.Diagnostics;

namespace Testbed.Suite.Tests.Compose;

/// <summary>
/// scripts/compose-check.sh takes its settings from the environment: a bad one is refused before
/// anything is installed, built or started, with exit code 2 and one line naming it.
/// </summary>
public sealed class ComposeCheckSettingsTests
{
    [Theory]
    [InlineData("COMPOSE_CHECK_PIN", "of", "COMPOSE_CHECK_PIN must be one of auto, off, not 'of'")]
    [InlineData("COMPOSE_CHECK_FAULTS", "yes", "COMPOSE_CHECK_FAULTS must be one of 0, 1, not 'yes'")]
    [InlineData("COMPOSE_CHECK_KILL", "2", "COMPOSE_CHECK_KILL must be one of 0, 1, not '2'")]
    [InlineData("COMPOSE_CHECK_TIMEOUT", "10m", "COMPOSE_CHECK_TIMEOUT must be a whole number of seconds, not '10m'")]
    public async Task Run_BadSetting_ExitCode2AndOneLineNamingIt(string name, string value, string message)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(SuiteTestData.Root, "scripts", "compose-check.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Equal($"compose-check: {message}", (await stderr).Trim());
    }
}
