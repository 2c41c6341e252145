using Testbed.Suite.Launch;
using Testbed.Suite.Results;
using Testbed.Suite.Pipeline;
using Testbed.Suite.Measurement;
using Testbed.TestCommon;

namespace Testbed.Suite.Tests.Launch;

/// <summary>
/// The cpulimit fallback on a real spinning process (forced with --cpu-limiter cpulimit, so that it
/// runs as root too), and the limit check on real CPU readings: a limit applied reads "in force",
/// a limit named but not applied reads "limit not in force".
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class CpulimitTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private static RoleLaunch Spinner(string name, double cpus, string limiter) => new()
    {
        Name = name,
        FileName = "/bin/bash",
        Arguments = ["-c", "echo 'spin ready on 0'; while :; do :; done"],
        Http = false,
        BaseUrl = "http://127.0.0.1:9",
        Cpus = cpus,
        Limiter = limiter,
        ReadyTimeout = TimeSpan.FromSeconds(5),
    };

    [Theory]
    [InlineData("      -i, --include-children  limit also the children processes", "-i")]
    [InlineData("      -m, --monitor-forks  Watch children/forks of the target process", "-m")]
    public void ChildrenFlag_EitherCpulimit_PicksItsOwnSpelling(string help, string expected) =>
        Assert.Equal([expected], Cpulimit.ChildrenFlag(help));

    [Fact]
    public void ChildrenFlag_NeitherOption_PassesNone() => Assert.Empty(Cpulimit.ChildrenFlag("Usage: cpulimit -p PID -l N"));

    [Fact]
    public async Task StartAsync_CpulimitForced_KeepsTheSpinnerNearItsLimitAndTheCheckSaysInForce()
    {
        if (ExecutableLocator.FindOnPath("cpulimit") is null)
        {
            Assert.Fail("cpulimit is not installed (apt-get install -y cpulimit): the fallback cannot be tested");
        }

        var role = await RoleProcess.StartAsync(Spinner("limited", 0.2, CpuLimiters.Cpulimit), Http, CancellationToken.None);
        try
        {
            Assert.True(CpuLimitMethods.Cpulimit == role.LimitMethod, role.Warning);
            var (cost, measured) = await MeasureAsync(role, 0.2, CpuLimitMethods.Cpulimit);
            Assert.InRange(cost.CpuMs / cost.WallMs, 0.02, 0.2 * LimitCheck.Overshoot);
            Assert.StartsWith("in force", measured.LimitCheck);
        }
        finally
        {
            await role.DisposeAsync();
        }

        Assert.Equal(0, ChildRegistry.Count); // cpulimit too
    }

    [Fact]
    public async Task Record_LimitNamedButNotApplied_SaysNotInForce()
    {
        // The spinner runs unlimited (no limit requested), while the report's role claims 0.2 core.
        var role = await RoleProcess.StartAsync(Spinner("unlimited", 0.2, CpuLimiters.Auto) with { Cpus = null }, Http, CancellationToken.None);
        try
        {
            var (cost, measured) = await MeasureAsync(role, 0.2, CpuLimitMethods.Cpulimit);
            Assert.True(cost.CpuMs / cost.WallMs > 0.2 * LimitCheck.Overshoot, $"the spinner used {cost.CpuMs / cost.WallMs:0.00} core: the machine is too busy to tell");
            Assert.StartsWith("limit not in force: used ", measured.LimitCheck);
            Assert.Contains("limit not in force", Testbed.Suite.Reports.ReportText.CpuLimit(measured));
        }
        finally
        {
            await role.DisposeAsync();
        }
    }

    /// <summary>The role's CPU over 2 s, as a step measures it, recorded against a role that names <paramref name="cpus"/>.</summary>
    private static async Task<(RoleCost Cost, RoleResult Role)> MeasureAsync(RoleProcess role, double cpus, string method)
    {
        await Task.Delay(500); // let cpulimit settle into its cycle
        var before = role.Snapshot();
        var started = TimeProvider.System.GetTimestamp();
        await Task.Delay(2000);
        var after = role.Snapshot();
        var cost = new RoleCost { Role = role.Launch.Name, CpuMs = after.CpuMs - before.CpuMs, ThrottledMs = after.ThrottledMs - before.ThrottledMs, WallMs = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds };
        var role0 = new RoleResult { Name = role.Launch.Name, CommandLine = "", Url = "", Cpus = cpus, LimitMethod = method };
        return (cost, Assert.Single(LimitCheck.Apply([role0], [cost], _ => { })));
    }
}
