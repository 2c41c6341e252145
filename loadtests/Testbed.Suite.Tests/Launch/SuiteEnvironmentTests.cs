using System.Diagnostics;
using Testbed.Suite.Launch;

namespace Testbed.Suite.Tests.Launch;

public sealed class SuiteEnvironmentTests
{
    [Fact]
    public async Task ApplyDefaults_VariablesAbsent_ChildProcessSeesThem()
    {
        foreach (var (name, _) in SuiteEnvironment.Defaults)
            Environment.SetEnvironmentVariable(name, null);

        SuiteEnvironment.ApplyDefaults();

        var psi = new ProcessStartInfo("/bin/sh", ["-c", "echo \"$DOTNET_TC_DelaySingleProcMultiplier $DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS\""])
        {
            RedirectStandardOutput = true,
        };
        using var child = Process.Start(psi)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        Assert.Equal("1 1", output.Trim());
    }

    [Fact]
    public void ApplyDefaults_ExplicitValue_IsKept()
    {
        const string name = "DOTNET_TC_DelaySingleProcMultiplier";
        Environment.SetEnvironmentVariable(name, "10");
        try
        {
            SuiteEnvironment.ApplyDefaults();
            Assert.Equal("10", Environment.GetEnvironmentVariable(name));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, "1");
        }
    }
}
