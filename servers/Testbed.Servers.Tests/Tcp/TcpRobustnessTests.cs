using System.Diagnostics;
using System.Net.Sockets;
using Testbed.Servers.Tcp;

namespace Testbed.Servers.Tests.Tcp;

/// <summary>Descriptors, silent clients and descriptor exhaustion, against real server processes.</summary>
[Collection(TcpServerCollection.Name)]
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
        using var socket = await EchoClient.ConnectAsync(server.Port, CancellationToken.None);
        var clock = Stopwatch.StartNew();

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = await EchoClient.ReadToCloseAsync(socket, limit.Token);

        Assert.Empty(received);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(20));
        Assert.Equal(0, await server.TerminateAsync());
        Assert.Equal(1, TcpServerProcess.Error(server.ReadStats(), TcpErrorKinds.IdleTimeout));
    }

    [Fact]
    public async Task DescriptorsExhausted_ServerLogsBacksOffAndServesOn()
    {
        // Under a 100-descriptor limit, 150 silent clients exhaust the server's descriptors.
        await using var server = await TcpServerProcess.StartAsync(["--mode", TcpModes.Async, "--idle-timeout", "2"], maxOpenFiles: 100);
        var silent = new List<Socket>();
        for (int i = 0; i < 150 && server.Errors.Count == 0; i++)
        {
            try
            {
                silent.Add(await EchoClient.ConnectAsync(server.Port, CancellationToken.None));
            }
            catch (SocketException) when (silent.Count > 0)
            {
                break; // the listen backlog overflowed behind a server that cannot accept: exhaustion reached
            }
        }
        await TcpProcessModeTests.WaitUntil(() => server.Errors.Count > 0, TimeSpan.FromSeconds(10));

        // Once the silent clients time out, descriptors free up and a real client is answered.
        var reply = await AnsweredWithinAsync(server.Port, TimeSpan.FromSeconds(60));

        Assert.Equal(200, reply.Status);
        Assert.False(server.Process.HasExited);
        Assert.Contains(server.Errors, line => line.Contains("accept failed") && line.Contains("backing off"));
        Assert.Equal(0, await server.TerminateAsync());
        Assert.True(TcpServerProcess.Error(server.ReadStats(), TcpErrorKinds.FdExhausted) > 0);
        // At most about one log line a second, however often accept failed.
        Assert.InRange(server.Errors.Count(line => line.Contains("accept failed")), 1, 30);
        silent.ForEach(s => s.Dispose());
    }

    /// <summary>
    /// A client that lands in the backlog behind the exhausted server may be reset; what the issue asks
    /// is that the server keeps serving, so retry until one exchange is answered.
    /// </summary>
    private static async Task<EchoReply> AnsweredWithinAsync(int port, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                return await EchoClient.ExchangeAsync(port, EchoClient.Request("/after"), limit);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
