using System.Net.Sockets;
using Testbed.Servers.Tcp;
using Testbed.Servers.Tests.TestSupport;

namespace Testbed.Servers.Tests.Tcp;

/// <summary>The modes built on child processes: real children, reaped, and stopped with the server.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class TcpProcessModeTests
{
    [Fact]
    public async Task ProcessMode_SequentialClients_AnsweredByDistinctChildPids()
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process, "--child", ProcessChildren.Runtime]);
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
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process, "--child", ProcessChildren.Runtime, "--idle-timeout", "60"]);
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
    public async Task ProcessMode_NoMaxConnections_RunsTwoChildrenPerCoreAtOnce()
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process, "--child", ProcessChildren.Runtime, "--idle-timeout", "30"]);
        int cap = 2 * Environment.ProcessorCount;
        var silent = new List<Socket>();
        for (int i = 0; i < cap + 3; i++)
            silent.Add(await EchoClient.ConnectAsync(server.Port, CancellationToken.None));

        await WaitUntil(() => server.ChildPids().Count >= cap, TimeSpan.FromSeconds(30));
        // Give the parent time to start more than it should, were it going to.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(cap, server.ChildPids().Count);
        Assert.Equal(0, await server.TerminateAsync());
        Assert.Equal(cap, server.ReadStats().GetProperty("processesStarted").GetInt64());
        silent.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task ProcessMode_ClientResetWhileInBacklog_NoProcessStartedForIt()
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process, "--child", ProcessChildren.Runtime, "--max-connections", "1", "--idle-timeout", "2"]);
        // A silent client holds the only child slot, so the next connections wait in the backlog.
        using var silent = await EchoClient.ConnectAsync(server.Port, CancellationToken.None);
        await WaitUntil(() => server.ChildPids().Count == 1, TimeSpan.FromSeconds(30));
        for (int i = 0; i < 5; i++)
        {
            // Sends its request, then gives up with a reset, as a client past its timeout does.
            var quitter = await EchoClient.ConnectAsync(server.Port, CancellationToken.None);
            await quitter.SendAsync(EchoClient.Request($"/gave-up/{i}"));
            quitter.LingerState = new LingerOption(true, 0);
            quitter.Close();
        }

        var reply = await EchoClient.ExchangeAsync(server.Port, EchoClient.Request("/patient"), TimeSpan.FromSeconds(60));

        Assert.Equal(200, reply.Status);
        Assert.Equal(0, await server.TerminateAsync());
        var stats = server.ReadStats();
        Assert.Equal(7, stats.GetProperty("accepted").GetInt64());
        Assert.Equal(2, stats.GetProperty("processesStarted").GetInt64());
        Assert.Equal(5, TcpServerProcess.Error(stats, TcpErrorKinds.Reset));
        Assert.Equal(1, TcpServerProcess.Error(stats, TcpErrorKinds.IdleTimeout));
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
