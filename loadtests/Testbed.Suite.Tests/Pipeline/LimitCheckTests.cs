using Testbed.Suite.Measurement;
using Testbed.Suite.Pipeline;
using Testbed.Suite.Results;

namespace Testbed.Suite.Tests.Pipeline;

public sealed class LimitCheckTests
{
    private static readonly RoleResult Backend = new() { Name = "backend", CommandLine = "", Url = "", Cpus = 0.5, LimitMethod = "cgroup v2 (cpu.max)" };

    private static RoleCost Used(double cores, double throttledMs = 0) => new() { Role = "backend", CpuMs = cores * 1000, ThrottledMs = throttledMs, WallMs = 1000 };

    [Fact]
    public void Apply_OverTheLimitTwice_NewRolesPeakKeptAndOneWarning()
    {
        var warnings = new List<string>();

        var once = LimitCheck.Apply([Backend], [Used(0.9)], warnings.Add);
        var twice = LimitCheck.Apply(once, [Used(0.1)], warnings.Add);

        Assert.Null(Backend.PeakCores); // the roles as started are left as they were
        Assert.Equal(0.9, twice[0].PeakCores);
        Assert.StartsWith("limit not in force: used 0.9 core", twice[0].LimitCheck);
        Assert.Equal("WARNING backend: limit not in force: used 0.9 core over a load, 1.8× its 0.5-core limit", Assert.Single(warnings));
    }

    [Theory]
    [InlineData(0.45, 0, "in force: at most 0.45 core over a load")]
    [InlineData(0.1, 30, "in force: at most 0.1 core over a load, throttled")]
    [InlineData(0.1, 0, "not reached: at most 0.1 core over a load")]
    public void Apply_OneLoad_SaysWhetherTheLimitWasInForce(double cores, double throttledMs, string expected) =>
        Assert.Equal(expected, LimitCheck.Apply([Backend], [Used(cores, throttledMs)], _ => { })[0].LimitCheck);
}
