using System.Diagnostics;
using System.Net.Sockets;
using Testbed.Servers.Tcp;
using Testbed.Servers.Tests.TestSupport;

namespace Testbed.Servers.Tests.Tcp;

/// <summary>The TCP servers' busyMs (open connections × time) and process mode's child times, from real servers.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class TcpStatsIntegralTests
{
    [Fact]
    public async Task ThreadMode_ThreeConnectionsHeldOpen_BusyIsThreeTimesTheTimeHeld()
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Thread, "--idle-timeout", "60"]);
        var outer = Stopwatch.StartNew();
        var silent = new List<Socket>();
        for (int i = 0; i < 3; i++)
            silent.Add(await EchoClient.ConnectAsync(server.Port, CancellationToken.None));
        var held = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1));
        held.Stop();
        silent.ForEach(s => s.Dispose());

        Assert.Equal(0, await server.TerminateAsync());
        outer.Stop();

        var stats = server.ReadStats();
        Assert.Equal(3, stats.GetProperty("accepted").GetInt64());
        Assert.Equal(0, stats.GetProperty("openNow").GetInt64());
        // Open from the server's accept (after the client's connect returned, at the latest when the
        // hold began) to its close (after the client's, before the server stopped).
        Assert.InRange(stats.GetProperty("busyMs").GetDouble(), 3 * held.Elapsed.TotalMilliseconds * 0.95, 3 * outer.Elapsed.TotalMilliseconds);
        Assert.Equal(0, stats.GetProperty("childLifetimeMs").GetDouble());
    }

    [Fact]
    public async Task ProcessMode_ThreeClients_ChildTimesWithinTheConnectionsBusyTime()
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Process, "--child", ProcessChildren.Runtime]);
        var clientTime = TimeSpan.Zero;
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            await EchoClient.ExchangeAsync(server.Port, EchoClient.Request($"/{i}"), TimeSpan.FromSeconds(30));
            clientTime += clock.Elapsed;
        }

        Assert.Equal(0, await server.TerminateAsync());

        var stats = server.ReadStats();
        Assert.Equal(3, stats.GetProperty("processesStarted").GetInt64());
        double spawn = stats.GetProperty("childSpawnMs").GetDouble();
        double lifetime = stats.GetProperty("childLifetimeMs").GetDouble();
        double busy = stats.GetProperty("busyMs").GetDouble();
        Assert.True(spawn > 0, $"spawn {spawn}");
        // Spawn ⊂ the child's life ⊂ its connection's time open on the server.
        Assert.InRange(lifetime, spawn, busy);
        // A runtime child starts a whole .NET runtime before it can echo: the client waits for it.
        Assert.InRange(lifetime, 0.5 * clientTime.TotalMilliseconds, busy);
    }
}
