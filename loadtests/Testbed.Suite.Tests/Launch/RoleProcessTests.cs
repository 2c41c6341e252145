using Testbed.Suite.Launch;

namespace Testbed.Suite.Tests.Launch;

/// <summary>The launcher with real child processes (bash scripts standing in for servers that misbehave).</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class RoleProcessTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private static RoleLaunch Bash(string name, string script, double readySeconds = 2, double? cpus = null) => new()
    {
        Name = name,
        FileName = "/bin/bash",
        Arguments = ["-c", script],
        Http = false,
        BaseUrl = "http://127.0.0.1:9",
        Cpus = cpus,
        ReadyTimeout = TimeSpan.FromSeconds(readySeconds),
    };

    [Fact]
    public async Task StartAsync_TargetExitsEarly_ReportsExitCodeAndOutput()
    {
        var e = await Assert.ThrowsAsync<RoleStartException>(() => RoleProcess.StartAsync(Bash("early", "echo 'bad flag --nope' >&2; exit 2"), Http, CancellationToken.None));
        Assert.Contains("exited with code 2", e.Message);
        Assert.Contains("bad flag --nope", e.Message);
        Assert.Empty(OurCgroups("early"));
    }

    [Fact]
    public async Task StartAsync_TargetNeverReadyWithChildren_LeavesNoProcessBehind()
    {
        var pidFile = Path.GetTempFileName();
        try
        {
            // A "supervisor" with two workers (and a grandchild) that never prints its ready line.
            var script = $"sleep 300 & echo $! >> {pidFile}; (sleep 300 & echo $! >> {pidFile}; wait) & echo $! >> {pidFile}; echo $$ >> {pidFile}; wait";
            var e = await Assert.ThrowsAsync<RoleStartException>(() => RoleProcess.StartAsync(Bash("never", script, readySeconds: 1.5), Http, CancellationToken.None));
            Assert.Contains("not ready after", e.Message);
            var pids = File.ReadAllLines(pidFile).Where(l => l.Length > 0).Select(int.Parse).ToList();
            Assert.Equal(4, pids.Count);
            await WaitUntil(() => pids.All(p => !ProcessTree.IsAlive(p)));
            Assert.All(pids, p => Assert.False(ProcessTree.IsAlive(p), $"pid {p} survived"));
            Assert.Empty(OurCgroups("never"));
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task StartAsync_MissingExecutable_Throws() =>
        await Assert.ThrowsAsync<RoleStartException>(() => RoleProcess.StartAsync(Bash("missing", "") with { FileName = "/nonexistent/testbed-server" }, Http, CancellationToken.None));

    [Fact]
    public async Task Snapshot_CpuLimitedBusyLoop_UsesAboutItsQuotaAndIsThrottled()
    {
        // Ready at once, then spin on a core: limited to 0.2 core it may use about 200 ms per second.
        var role = await RoleProcess.StartAsync(Bash("busy", "echo 'busy ready on 0'; while :; do :; done", cpus: 0.2), Http, CancellationToken.None);
        var pid = role.Pid;
        try
        {
            if (role.Cgroup is null)
            {
                Assert.NotNull(role.Warning); // not root: the report must say the limit was not applied
                return;
            }

            var before = role.Snapshot();
            await Task.Delay(1500);
            var after = role.Snapshot();
            var used = after.CpuMs - before.CpuMs;
            Assert.Equal("cgroup", after.Source);
            Assert.InRange(used, 100, 700); // unlimited it would be ~1500
            Assert.True(after.ThrottledMs > before.ThrottledMs, "a spinning process at 0.2 core must be throttled");
        }
        finally
        {
            await role.DisposeAsync();
        }

        Assert.False(ProcessTree.IsAlive(pid));
        Assert.Empty(OurCgroups("busy"));
    }

    [Fact]
    public async Task Snapshot_UnlimitedRole_CountsChildrenCpu()
    {
        // The work happens in a child that has exited by the time we look: the role's CPU must still include it.
        var role = await RoleProcess.StartAsync(Bash("parent", "echo 'ready on 0'; bash -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done'; echo worked; sleep 300"), Http, CancellationToken.None);
        try
        {
            for (var i = 0; i < 300 && !role.RecentOutput.Contains("worked"); i++)
            {
                await Task.Delay(100);
            }

            Assert.Contains("worked", role.RecentOutput);
            Assert.True(role.Snapshot().CpuMs >= 100, $"cpu {role.Snapshot().CpuMs} ms");
        }
        finally
        {
            await role.DisposeAsync();
        }
    }

    [Fact]
    public void RemoveStale_GroupOfDeadSuite_IsRemovedAndLiveOnesKept()
    {
        if (!Directory.Exists("/sys/fs/cgroup/cpu") || Cgroup.TryCreate($"testbed-suite-{Environment.ProcessId}-live-1", out _) is not { } live)
        {
            return; // no writable cgroups here (not root): nothing to clean either
        }

        // pid_max is at most 4194304: this pid cannot be alive.
        var stale = "/sys/fs/cgroup/cpu/testbed-suite-4194400-web-1";
        Directory.CreateDirectory(stale);
        try
        {
            Assert.True(Cgroup.RemoveStale() >= 1);
            Assert.False(Directory.Exists(stale));
            Assert.True(Directory.Exists(live.Path));
        }
        finally
        {
            live.Dispose();
            if (Directory.Exists(stale))
            {
                Directory.Delete(stale);
            }
        }
    }

    internal static List<string> OurCgroups(string role)
    {
        var prefix = $"testbed-suite-{Environment.ProcessId}-{role}-";
        return new[] { "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpuacct", "/sys/fs/cgroup" }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetDirectories(d).Where(p => Path.GetFileName(p).StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }
}
