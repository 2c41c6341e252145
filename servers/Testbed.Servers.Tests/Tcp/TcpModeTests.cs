using System.Net.Sockets;
using System.Text;
using Testbed.Servers.Tcp;
using Testbed.Servers.Tests.TestSupport;

namespace Testbed.Servers.Tests.Tcp;

/// <summary>Every mode against a real server process on an ephemeral loopback port.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class TcpModeTests
{
    public static TheoryData<string> Modes() => [.. TcpModes.All];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Exchange_EachMode_EchoesRequestWithExactHeaders(string mode)
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", mode, "--workers", "2"]);
        var request = EchoClient.Request("/echo?mode=" + mode);

        var reply = await EchoClient.ExchangeAsync(server.Port, request, TimeSpan.FromSeconds(30));

        Assert.Equal(200, reply.Status);
        Assert.Equal("text/html", reply.Headers["Content-Type"]);
        Assert.Equal("close", reply.Headers["Connection"]);
        Assert.Equal(request.Length.ToString(), reply.Headers["Content-Length"]);
        Assert.Equal(request, reply.Body);
        // Process and prefork answer from another process than the one we started.
        bool inProcess = mode is TcpModes.Single or TcpModes.Thread or TcpModes.Async;
        Assert.Equal(inProcess, reply.ServedBy == server.Pid);
    }

    [Theory]
    [InlineData(TcpModes.Single)]
    [InlineData(TcpModes.Prefork)]
    [InlineData(TcpModes.Thread)]
    [InlineData(TcpModes.Async)]
    public Task Burst_500ConcurrentClients_AllAnswered(string mode) => BurstAllAnswered(mode, 500);

    // A child is a whole .NET runtime start (~120 ms of CPU), so 500 of them take a minute or more on
    // 2 shared cores: the default run uses 100 concurrent clients, the slow run the full 500.
    [Fact]
    public Task Burst_100ConcurrentClientsProcessMode_AllAnswered() => BurstAllAnswered(TcpModes.Process, 100);

    [SlowFact]
    public Task Burst_500ConcurrentClientsProcessMode_AllAnswered() => BurstAllAnswered(TcpModes.Process, 500);

    private static async Task BurstAllAnswered(string mode, int clients)
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", mode, "--workers", "2", "--backlog", "1024"]);

        var replies = await EchoClient.BurstAsync(server.Port, count: clients, concurrency: clients, TimeSpan.FromSeconds(300));

        Assert.All(replies, (reply, i) =>
        {
            Assert.Equal(200, reply.Status);
            Assert.Equal($"GET /burst/{i} HTTP/1.1", Encoding.ASCII.GetString(reply.Body).Split("\r\n")[0]);
        });
        Assert.Equal(0, await server.TerminateAsync());
        var stats = server.ReadStats();
        Assert.Equal(clients, stats.GetProperty("answered").GetInt64());
        Assert.Equal(0, stats.GetProperty("openNow").GetInt64());
        if (mode == TcpModes.Process)
            Assert.Equal(clients, stats.GetProperty("processesStarted").GetInt64());
    }

    [Theory]
    [InlineData(TcpModes.Single)]
    [InlineData(TcpModes.Async)]
    public async Task Exchange_OversizedRequest_CutAt1024BytesAndClosedCleanly(string mode)
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", mode]);
        var request = Encoding.ASCII.GetBytes(new string('x', 5000));

        // A reset instead of an orderly close would fail the read before the whole answer arrived.
        var reply = await EchoClient.ExchangeAsync(server.Port, request, TimeSpan.FromSeconds(30));

        Assert.Equal("1024", reply.Headers["Content-Length"]);
        Assert.Equal(request[..1024], reply.Body);
    }

    [Theory]
    [InlineData(TcpModes.Thread)]
    [InlineData(TcpModes.Async)]
    [InlineData(TcpModes.Process)]
    public async Task Exchange_ClientResetsMidRequest_CountedAndServerServesOn(string mode)
    {
        await using var server = await TcpServerProcess.StartAsync(["--mode", mode]);
        using (var socket = await EchoClient.ConnectAsync(server.Port, CancellationToken.None))
        {
            await socket.SendAsync("GET /half"u8.ToArray(), SocketFlags.None);
            await Task.Delay(300);
            socket.LingerState = new LingerOption(true, 0); // close with RST
        }

        await Task.Delay(300);
        var reply = await EchoClient.ExchangeAsync(server.Port, EchoClient.Request("/after"), TimeSpan.FromSeconds(30));
        Assert.Equal(200, reply.Status);
        Assert.Equal(0, await server.TerminateAsync());
        var stats = server.ReadStats();
        Assert.Equal(1, TcpServerProcess.Error(stats, TcpErrorKinds.Reset));
        Assert.Equal(1, stats.GetProperty("answered").GetInt64());
    }
}
