using System.Net;
using System.Net.Sockets;
using Testbed.Load.Engine;
using Testbed.Load.Engine.Io;
using Testbed.Load.Stats;
using Testbed.Load.Tests.TestServers;

namespace Testbed.Load.Tests.Engine;

/// <summary>
/// The client's behaviour against each kind of response, run once per socket engine (the derived
/// classes): both engines must report every case identically.
/// </summary>
public abstract class LoadClientTests : IDisposable
{
    private protected abstract ClientTransport Transport { get; }

    public void Dispose()
    {
        Transport.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<(RequestResult Result, RunObservations Observations)> OnceAsync(string url,
        bool keepAlive = true, double timeoutSeconds = 5, string method = "GET")
    {
        var target = Target.Parse(url);
        var request = RequestTemplate.ForHttp(target, method, keepAlive, [], null, null);
        var observations = new RunObservations();
        using var watchdog = new TimeoutWatchdog(TimeProvider.System, TimeSpan.FromMilliseconds(20));
        using var client = new LoadClient(target, request,
            new ClientOptions(keepAlive, TimeSpan.FromSeconds(timeoutSeconds), TimeSpan.FromSeconds(2), false),
            observations, TimeProvider.System, Transport);
        watchdog.Register(client);
        return (await client.ExecuteAsync(), observations);
    }

    [Fact]
    public async Task ExecuteAsync_Fixed_CompletedWithBytesAndServer()
    {
        await using var server = new LoopbackHttpServer();
        var (r, obs) = await OnceAsync(server.Url("/fixed"));
        Assert.Equal(RequestOutcome.Completed, r.Outcome);
        Assert.Equal(5, r.BodyBytes);
        Assert.True(r.Bytes > 5);
        Assert.True(r.KeptAlive);
        Assert.Equal("loopback-test", obs.ServerSoftware);
        Assert.InRange(r.WaitingMicros, 0, r.TotalMicros);
    }

    [Fact]
    public async Task ExecuteAsync_Chunked_CompletedWithDecodedLength()
    {
        await using var server = new LoopbackHttpServer();
        var (r, _) = await OnceAsync(server.Url("/chunked"));
        Assert.Equal(RequestOutcome.Completed, r.Outcome);
        Assert.Equal(5, r.BodyBytes);
    }

    [Theory]
    [InlineData("/close-early", "Receive")]
    [InlineData("/reset", "Receive")]
    [InlineData("/garbage", "Malformed")]
    public async Task ExecuteAsync_BadServerBehaviour_FailsByKind(string path, string kind)
    {
        await using var server = new LoopbackHttpServer();
        var (r, _) = await OnceAsync(server.Url(path), keepAlive: false);
        Assert.Equal(RequestOutcome.Failed, r.Outcome);
        Assert.Equal(Enum.Parse<FailureKind>(kind), r.Failure);
    }

    [Fact]
    public async Task ExecuteAsync_Status503_Non2xx()
    {
        await using var server = new LoopbackHttpServer();
        var (r, _) = await OnceAsync(server.Url("/status/503"));
        Assert.Equal(RequestOutcome.Non2xx, r.Outcome);
    }

    [Fact]
    public async Task ExecuteAsync_NoContentLength_BodyEndsAtClose()
    {
        await using var server = new LoopbackHttpServer();
        var (r, _) = await OnceAsync(server.Url("/until-close"));
        Assert.Equal(RequestOutcome.Completed, r.Outcome);
        Assert.Equal("body until close".Length, r.BodyBytes);
        Assert.False(r.KeptAlive);
    }

    [Fact]
    public async Task ExecuteAsync_NothingListening_ConnectRefused()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var (r, _) = await OnceAsync($"http://127.0.0.1:{port}/");
        Assert.Equal(FailureKind.ConnectRefused, r.Failure);
    }

    [Fact]
    public async Task ExecuteAsync_SlowerThanTimeout_ResponseTimeoutNearTheLimit()
    {
        await using var server = new LoopbackHttpServer();
        var (r, _) = await OnceAsync(server.Url("/delay/3000"), timeoutSeconds: 0.3);
        Assert.Equal(FailureKind.ResponseTimeout, r.Failure);
        Assert.InRange(r.TotalMicros, 300_000, 1_500_000);
    }

    [Fact]
    public async Task ExecuteAsync_KeptConnectionClosedWhileIdle_RetriedOnceOnANewConnection()
    {
        await using var server = new LoopbackHttpServer();
        var target = Target.Parse(server.Url("/keep-then-close"));
        var request = RequestTemplate.ForHttp(target, "GET", true, [], null, null);
        using var client = new LoadClient(target, request,
            new ClientOptions(true, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), false), new RunObservations(), TimeProvider.System, Transport);

        var first = await client.ExecuteAsync();
        await Task.Delay(100); // the server's FIN arrives while the connection is idle
        var second = await client.ExecuteAsync();

        Assert.Equal(RequestOutcome.Completed, first.Outcome);
        Assert.True(first.KeptAlive);
        Assert.Equal(RequestOutcome.Completed, second.Outcome);
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task ExecuteAsync_TcpTarget_ReadsUntilServerCloses()
    {
        await using var server = new LoopbackHttpServer();
        // The default payload is an HTTP/1.0 GET with no keep-alive: our server answers /, then the
        // client's request (Connection: close is not sent) — so use /until-close via payload.
        var target = Target.Parse($"tcp://127.0.0.1:{server.Port}");
        var request = RequestTemplate.ForTcp("GET /until-close HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        using var client = new LoadClient(target, request,
            new ClientOptions(false, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), false), new RunObservations(), TimeProvider.System, Transport);
        var r = await client.ExecuteAsync();
        Assert.Equal(RequestOutcome.Completed, r.Outcome);
        Assert.Equal("HTTP/1.1 200 OK\r\n\r\nbody until close".Length, r.BodyBytes);
    }
}
