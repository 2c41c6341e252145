using System.Net;
using System.Net.Sockets;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;

namespace Testbed.Suite.Tests.Launch;

/// <summary>
/// A role the suite did not start is measured from its own stats: real testbed-servers started
/// as the suite starts them, read both ways (their stats, and /proc + the cgroup as for a local
/// role); the two must agree.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class RemoteRoleSnapshotTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Snapshot_SupervisedLimitedWebServer_AgreesWithProcessTreeAndCgroup()
    {
        var port = PortAllocator.FreePort();
        var role = await Start("web", ["web", "--mode", "async", "--workers", "2", "--urls", $"http://127.0.0.1:{port}"], port, http: true, cpus: 0.5);
        try
        {
            using var remote = new RemoteRoleSnapshot();
            remote.Add("web", RemoteRoleSnapshot.StatsUrl(RoleExecutables.Server, RoleKinds.Http, "127.0.0.1", port));
            var localBefore = role.Snapshot();
            var before = remote.Snapshot("web");
            // CPU-bound requests on both workers: a few hundred ms of CPU, throttled at 0.5 core.
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Http.GetStringAsync($"http://127.0.0.1:{port}/cpu")));
            var after = remote.Snapshot("web");
            var localAfter = role.Snapshot();

            Assert.Equal("stats", after.Source);
            Assert.True(after.Alive);
            var used = after.CpuMs - before.CpuMs;
            var usedLocally = localAfter.CpuMs - localBefore.CpuMs;
            Assert.True(usedLocally > 100, $"the load used only {usedLocally} ms");
            // The local reading brackets the remote one (read just outside it), less the /stats requests' own cost.
            Assert.InRange(used, usedLocally * 0.8 - 30, usedLocally + 30);
            // Supervisor and two workers; the local count is taken a moment later (one more or less in flight).
            Assert.InRange(after.Fds, ProcessTree.OpenDescriptors(role.Pid) - 10, ProcessTree.OpenDescriptors(role.Pid) + 10);
            if (role.LimitMethod is CpuLimitMethods.CgroupV1 or CpuLimitMethods.CgroupV2)
            {
                Assert.True(after.ThrottledMs > before.ThrottledMs, $"throttled {before.ThrottledMs} -> {after.ThrottledMs} ms, locally {localBefore.ThrottledMs} -> {localAfter.ThrottledMs}, cpu {used} vs {usedLocally}: 8 requests' worth of CPU at 0.5 core must be throttled");
                Assert.InRange(after.ThrottledMs - before.ThrottledMs, (localAfter.ThrottledMs - localBefore.ThrottledMs) * 0.5, localAfter.ThrottledMs - localBefore.ThrottledMs + 1);
            }
        }
        finally
        {
            await role.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stats_BusyWebServer_ReportsTheRunQueueWaitTheSuiteReadsFromProc()
    {
        var port = PortAllocator.FreePort();
        var role = await Start("web", ["web", "--mode", "async", "--urls", $"http://127.0.0.1:{port}"], port, http: true);
        try
        {
            // More CPU-bound requests at once than the machine has cores: threads wait for a core.
            await Task.WhenAll(Enumerable.Range(0, 4 * Environment.ProcessorCount).Select(_ => Http.GetStringAsync($"http://127.0.0.1:{port}/cpu")));
            var before = ProcessTree.RunQueueWaitMs(role.Pid);
            var json = await Http.GetStringAsync($"http://127.0.0.1:{port}/stats");
            var after = ProcessTree.RunQueueWaitMs(role.Pid);

            var reported = Testbed.Suite.Measurement.RoleStatsReading.Parse(json)!.RunQueueWaitMs;
            Assert.NotNull(reported);
            Assert.True(after > 0, $"the server's threads never waited for a core ({after} ms)");
            // The same sum over the same threads, read by the server between the suite's two readings
            // (a thread that ends in between takes its share with it: a little slack below).
            Assert.InRange(reported!.Value, before - 5, after + 1);
        }
        finally
        {
            await role.DisposeAsync();
        }
    }

    [Fact]
    public async Task Snapshot_ThreadPerConnectionTcpServer_CountsConnectionsAndSeesItExit()
    {
        var port = PortAllocator.FreePort();
        var statsPort = port + RemoteRoleSnapshot.TcpStatsPortOffset;
        var role = await Start("tcp", ["tcp", "--mode", "thread", "--host", "127.0.0.1", "--port", $"{port}", "--stats-port", $"{statsPort}"], port, http: false);
        using var remote = new RemoteRoleSnapshot();
        remote.Add("tcp", RemoteRoleSnapshot.StatsUrl(RoleExecutables.Server, RoleKinds.Tcp, "127.0.0.1", port));
        try
        {
            var before = remote.Snapshot("tcp");
            var clients = new List<Socket>();
            for (var i = 0; i < 20; i++)
            {
                var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
                // A request whose header block has not ended yet: the server holds the connection open.
                await client.SendAsync("GET / HTTP/1.1\r\n"u8.ToArray());
                clients.Add(client);
            }

            await Task.Delay(300); // every connection accepted
            var during = remote.Snapshot("tcp");
            Assert.InRange(during.Fds - before.Fds, 20, 25); // one descriptor per open connection
            Assert.InRange(during.Fds, ProcessTree.OpenDescriptors(role.Pid) - 3, ProcessTree.OpenDescriptors(role.Pid) + 3);
            clients.ForEach(c => c.Dispose());
        }
        finally
        {
            await role.DisposeAsync();
        }

        var gone = remote.Snapshot("tcp");
        Assert.False(gone.Alive);
        var exit = Assert.Single(remote.Exits);
        Assert.Equal("tcp", exit.Role);
        Assert.Contains("unreachable", exit.How);
    }

    private static async Task<RoleProcess> Start(string name, string[] args, int port, bool http, double? cpus = null)
    {
        var (fileName, prefix) = ExecutableLocator.Find(RoleExecutables.Server, null, out var searched)
            ?? throw new FileNotFoundException($"testbed-server not found (looked in {searched})");
        return await RoleProcess.StartAsync(
            new RoleLaunch
            {
                Name = name,
                FileName = fileName,
                Arguments = [.. prefix, .. args],
                Http = http,
                BaseUrl = $"http://127.0.0.1:{port}",
                Cpus = cpus,
                ReadyTimeout = TimeSpan.FromSeconds(60),
            },
            Http,
            CancellationToken.None);
    }
}
