using Testbed.Suite.Launch;
using Testbed.Suite.Measurement;
using Testbed.Suite.Pipeline;

namespace Testbed.Suite.Tests.Measurement;

public sealed class RoleCostsTests
{
    [Fact]
    public void Between_TwoReadings_DifferencesAndDescriptorsAndUnknownForARoleReadOnce()
    {
        var before = new Dictionary<string, RoleSnapshot> { ["web"] = new(100, 5, 40, true, "cgroup"), ["lb"] = new(7, 0, 9, true, "proc") };
        var after = new Dictionary<string, RoleSnapshot> { ["web"] = new(350, 25, 44, false, "cgroup") };

        var costs = RoleCosts.Between(["web", "lb"], before, after, 1000);

        var web = costs[0];
        Assert.Equal((250, 20, 40, 44, false, "cgroup", 1000), (web.CpuMs, web.ThrottledMs, web.FdsBefore, web.FdsAfter, web.Alive, web.Source, web.WallMs));
        Assert.Equal("lb", costs[1].Role);
        Assert.True(double.IsNaN(costs[1].CpuMs));
    }

    [Fact]
    public void UsedCpuMs_RolesReadTwice_SumsTheKnownDifferences()
    {
        var before = new Dictionary<string, RoleSnapshot> { ["a"] = new(10, 0, 0, true, "proc"), ["b"] = new(double.NaN, 0, 0, true, "none") };
        var after = new Dictionary<string, RoleSnapshot> { ["a"] = new(14, 0, 0, true, "proc"), ["b"] = new(5, 0, 0, true, "none"), ["c"] = new(99, 0, 0, true, "proc") };

        Assert.Equal(4, Quiescence.UsedCpuMs(before, after));
    }
}
