using System.Net.Sockets;
using Testbed.Servers.Tcp;

namespace Testbed.Servers.Tests.Tcp;

/// <summary>The modes built on child processes: real children, reaped, and stopped with the server.</summary>
[Collection(TcpServerCollection.Name)]
public sealed class TcpProcessModeTests
{
    [Fact]
    public async Task ProcessMode_SequentialClients_AnsweredByDistinctChildPids()
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process]);
        var pids = new List<int>();
        for (int i = 0; i < 10; i++)
            pids.Add((await EchoClient.ExchangeAsync(server.Port, EchoClient.Request($"/{i}"), TimeSpan.FromSeconds(30))).ServedBy);

        Assert.Equal(10, pids.Distinct().Count());
        Assert.DoesNotContain(server.Pid, pids);
        // Every child was reaped: none is left, not even as a zombie.
        await WaitUntil(() => server.ChildPids().Count == 0, TimeSpan.FromSeconds(10));
        Assert.Empty(server.ChildPids());
    }

    [Fact]
    public async Task ProcessMode_Sigterm_StopsServerAndItsChildren()
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process, "--idle-timeout", "60"]);
        // Silent clients keep their children alive, waiting for a request.
        var silent = new List<Socket>();
        for (int i = 0; i < 3; i++)
            silent.Add(await EchoClient.ConnectAsync(server.Port, CancellationToken.None));
        await WaitUntil(() => server.ChildPids().Count == 3, TimeSpan.FromSeconds(30));
        var children = server.ChildPids();
        Assert.Equal(3, children.Count);

        Assert.Equal(0, await server.TerminateAsync());

        Assert.All(children, pid => Assert.False(TcpServerProcess.IsAlive(pid), $"child {pid} outlived the server"));
        Assert.Contains(server.Output, line => line.StartsWith("testbed-server tcp final stats mode=process accepted=3 "));
        silent.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task PreforkMode_Sigterm_StopsServerAndItsWorkers()
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Prefork, "--workers", "3"]);
        var workers = server.ChildPids();
        Assert.Equal(3, workers.Count);
        var servedBy = new HashSet<int>();
        for (int i = 0; i < 30; i++)
            servedBy.Add((await EchoClient.ExchangeAsync(server.Port, EchoClient.Request($"/{i}"), TimeSpan.FromSeconds(30))).ServedBy);
        Assert.Subset(workers.ToHashSet(), servedBy);

        Assert.Equal(0, await server.TerminateAsync());

        Assert.All(workers, pid => Assert.False(TcpServerProcess.IsAlive(pid), $"worker {pid} outlived the server"));
        var stats = server.ReadStats();
        Assert.Equal(30, stats.GetProperty("answered").GetInt64());
        Assert.Equal(3, stats.GetProperty("processesStarted").GetInt64());
    }

    internal static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }
}
