using Testbed.Suite.Launch;

namespace Testbed.Suite.Tests.Launch;

public sealed class ComposeCoresTests
{
    [Fact]
    public void Describe_BothCpusetsSet_NamesEachSideAndCountsServerCores()
    {
        var cores = ComposeCores.Describe([1], [0, 1], "0");

        Assert.Equal(1, cores.ServerCoreCount);
        Assert.Contains("load generator pinned to core(s) 1 (SUITE_CPUSET)", cores.Description);
        Assert.Contains("servers to core(s) 0 (SERVER_CPUSET)", cores.Description);
        Assert.DoesNotContain("shares a core", cores.Description);
    }

    [Fact]
    public void Describe_NoCpusets_SaysNotPinned()
    {
        var cores = ComposeCores.Describe([0, 1], [0, 1], "");

        Assert.Null(cores.ServerCoreCount);
        Assert.StartsWith("not pinned (compose;", cores.Description);
    }

    [Fact]
    public void Describe_ServerCpusetOverlapsGenerator_SaysTheyShare()
    {
        var cores = ComposeCores.Describe([0, 1], [0, 1, 2, 3], "0-2");

        Assert.Equal(3, cores.ServerCoreCount);
        Assert.Contains("shares a core with the servers", cores.Description);
    }

    [Fact]
    public void Describe_OnlySuitePinned_SaysServersShareEveryCore()
    {
        var cores = ComposeCores.Describe([1], [0, 1], null);

        Assert.Null(cores.ServerCoreCount);
        Assert.Contains("servers not pinned (SERVER_CPUSET empty)", cores.Description);
    }
}
