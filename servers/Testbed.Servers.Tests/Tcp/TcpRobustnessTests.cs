using System.Diagnostics;
using System.Net.Sockets;
using Testbed.Servers.Tcp;
using Testbed.Servers.Tests.TestSupport;

namespace Testbed.Servers.Tests.Tcp;

/// <summary>Descriptors, silent clients and descriptor exhaustion, against real server processes.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class TcpRobustnessTests
{
    [Theory]
    [InlineData(TcpModes.Single)]
    [InlineData(TcpModes.Thread)]
    [InlineData(TcpModes.Async)]
    [InlineData(TcpModes.Process)]
    public async Task Burst_AfterConnectionsClose_DescriptorCountReturnsToStart(string mode)
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", mode]);
        // One exchange first: the runtime opens its socket engine's descriptors lazily.
        await EchoClient.ExchangeAsync(server.Port, EchoClient.Request("/warm"), TimeSpan.FromSeconds(30));
        int before = server.DescriptorCount();

        int count = mode == TcpModes.Process ? 40 : 2000;
        var replies = await EchoClient.BurstAsync(server.Port, count, concurrency: 50, TimeSpan.FromSeconds(60));

        Assert.All(replies, reply => Assert.Equal(200, reply.Status));
        await TcpProcessModeTests.WaitUntil(() => server.DescriptorCount() == before, TimeSpan.FromSeconds(10));
        Assert.Equal(before, server.DescriptorCount());
    }

    [Theory]
    [InlineData(TcpModes.Single)]
    [InlineData(TcpModes.Thread)]
    [InlineData(TcpModes.Async)]
    [InlineData(TcpModes.Process)]
    public async Task SilentClient_AfterIdleTimeout_IsClosed(string mode)
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", mode, "--idle-timeout", "1"]);
        // The clock starts before the connect: the server's idle timer starts at its accept, which
        // follows the connect, while this test's continuation after the connect may run late on a
        // busy machine (a clock started there once measured 0.4 s for a 1 s timeout).
        var clock = Stopwatch.StartNew();
        using var socket = await EchoClient.ConnectAsync(server.Port, CancellationToken.None);

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = await EchoClient.ReadToCloseAsync(socket, limit.Token);

        Assert.Empty(received);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(20));
        Assert.Equal(0, await server.TerminateAsync());
        Assert.Equal(1, TcpServerProcess.Error(server.ReadStats(), TcpErrorKinds.IdleTimeout));
    }

    [Fact]
    public async Task DescriptorLimit_ManySilentClients_ConnectionsCappedAndServerServesOn()
    {
        // Under a 160-descriptor limit (the runtime alone holds ~65) 100 silent clients would exhaust
        // the table; the server caps its connections below it and the rest wait in the backlog.
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Async, "--idle-timeout", "1"], maxOpenFiles: 160);
        var silent = new List<Socket>();
        for (int i = 0; i < 100; i++)
            silent.Add(await EchoClient.ConnectAsync(server.Port, CancellationToken.None));

        var reply = await EchoClient.ExchangeAsync(server.Port, EchoClient.Request("/after"), TimeSpan.FromSeconds(60));

        Assert.Equal(200, reply.Status);
        Assert.Contains(server.Errors, line => line.Contains("--max-connections lowered from 1000 to"));
        Assert.Equal(0, await server.TerminateAsync());
        var stats = server.ReadStats();
        Assert.True(stats.GetProperty("peakOpen").GetInt64() < 100);
        Assert.True(TcpServerProcess.Error(stats, TcpErrorKinds.IdleTimeout) > 0);
        Assert.Equal(0, TcpServerProcess.Error(stats, TcpErrorKinds.FdExhausted));
        silent.ForEach(s => s.Dispose());
    }
}
