using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Testbed.Load.Engine.Io;

namespace Testbed.Load.Tests.Engine.Io;

/// <summary>
/// The epoll engine's own edge cases, against real listeners on loopback: reads that fill the
/// buffer, writes that fill the socket, closes from another thread, and slot reuse under churn.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class EpollTransportTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly EpollTransport _transport = new(2);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public EpollTransportTests() => _listener.Start(512);

    private IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public void Dispose()
    {
        _listener.Stop();
        _transport.Dispose();
    }

    [Fact]
    public async Task ReceiveAsync_ResponseLargerThanBuffer_ReadsEveryByteThenEnd()
    {
        var payload = new byte[1 << 20];
        new Random(7).NextBytes(payload);
        var server = Task.Run(async () =>
        {
            using var peer = await _listener.AcceptSocketAsync();
            await peer.SendAsync(payload, SocketFlags.None);
            peer.Shutdown(SocketShutdown.Send);
        });
        using var connection = _transport.Create(AddressFamily.InterNetwork, 0);
        await connection.ConnectAsync(EndPoint).AsTask().WaitAsync(Limit);

        using var received = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await connection.ReceiveAsync(buffer).AsTask().WaitAsync(Limit)) > 0) received.Write(buffer, 0, n);

        Assert.Equal(payload, received.ToArray());
        await server.WaitAsync(Limit);
    }

    [Fact]
    public async Task SendAsync_PeerReadsLate_EveryByteArrivesInOrder()
    {
        // 8 MB exceeds both socket buffers: the sender must wait for writability, not spin or stop.
        var payload = new byte[8 << 20];
        new Random(11).NextBytes(payload);
        var server = Task.Run(async () =>
        {
            using var peer = await _listener.AcceptSocketAsync();
            await Task.Delay(200);
            using var all = new MemoryStream();
            var buffer = new byte[65536];
            int n;
            while ((n = await peer.ReceiveAsync(buffer, SocketFlags.None)) > 0) all.Write(buffer, 0, n);
            return all.ToArray();
        });
        using (var connection = _transport.Create(AddressFamily.InterNetwork, 0))
        {
            await connection.ConnectAsync(EndPoint).AsTask().WaitAsync(Limit);
            int sent = 0;
            while (sent < payload.Length) sent += await connection.SendAsync(payload.AsMemory(sent)).AsTask().WaitAsync(Limit);
        }

        Assert.Equal(payload, await server.WaitAsync(Limit));
    }

    [Fact]
    public async Task Dispose_FromAnotherThreadWhileReceivePending_FailsTheReceiveAndResetsThePeer()
    {
        var accepted = _listener.AcceptSocketAsync();
        var connection = _transport.Create(AddressFamily.InterNetwork, 0);
        await connection.ConnectAsync(EndPoint).AsTask().WaitAsync(Limit);
        using var silentPeer = await accepted;
        var pending = connection.ReceiveAsync(new byte[64]).AsTask();
        await Task.Delay(50);
        Assert.False(pending.IsCompleted);

        await Task.Run(connection.Dispose);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(Limit));
        // A client that gives up mid-request resets the connection, so the server can drop the work.
        silentPeer.ReceiveTimeout = 10_000;
        var e = Assert.Throws<SocketException>(() => silentPeer.Receive(new byte[64]));
        Assert.Equal(SocketError.ConnectionReset, e.SocketErrorCode);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ConnectionRefused()
    {
        var port = EndPoint.Port;
        _listener.Stop();
        using var connection = _transport.Create(AddressFamily.InterNetwork, 0);

        var e = await Assert.ThrowsAsync<SocketException>(() => connection.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).AsTask().WaitAsync(Limit));

        Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
    }

    [Fact]
    public async Task ConnectAsync_Ipv6Loopback_ExchangesBytes()
    {
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Start();
        var server = Task.Run(async () =>
        {
            using var peer = await listener.AcceptSocketAsync();
            var buffer = new byte[16];
            int n = await peer.ReceiveAsync(buffer, SocketFlags.None);
            await peer.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
        });
        using var connection = _transport.Create(AddressFamily.InterNetworkV6, 0);

        await connection.ConnectAsync((IPEndPoint)listener.LocalEndpoint).AsTask().WaitAsync(Limit);
        await connection.SendAsync("ping"u8.ToArray()).AsTask().WaitAsync(Limit);
        var buffer = new byte[16];
        int n = await connection.ReceiveAsync(buffer).AsTask().WaitAsync(Limit);

        Assert.Equal("ping", System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        await server.WaitAsync(Limit);
    }

    [Fact]
    public async Task ShortConnections_ManyInParallel_EachGetsItsOwnEcho()
    {
        // 20 clients x 50 connections each, closed as soon as answered: slots and their epoll
        // registrations are reused constantly, and an event for a closed connection must never
        // reach the slot's next owner.
        using var stop = new CancellationTokenSource();
        var acceptLoop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Socket peer;
                try { peer = await _listener.AcceptSocketAsync(stop.Token); }
                catch (OperationCanceledException) { return; }
                _ = Task.Run(async () =>
                {
                    using (peer)
                    {
                        var buffer = new byte[64];
                        int n = await peer.ReceiveAsync(buffer, SocketFlags.None);
                        await peer.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
                    }
                });
            }
        });

        async Task<int> ClientAsync(int id)
        {
            int ok = 0;
            for (int i = 0; i < 50; i++)
            {
                using var connection = _transport.Create(AddressFamily.InterNetwork, id);
                await connection.ConnectAsync(EndPoint);
                var message = BitConverter.GetBytes(id * 1000 + i);
                await connection.SendAsync(message);
                var buffer = new byte[64];
                int n = await connection.ReceiveAsync(buffer);
                if (n == 4 && BitConverter.ToInt32(buffer) == id * 1000 + i) ok++;
            }
            return ok;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(ClientAsync)).WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await acceptLoop;

        Assert.All(results, ok => Assert.Equal(50, ok));
    }

    [Fact]
    public async Task DelayAsync_SystemTime_ResumesOnTheLoopThreadAfterTheDelay()
    {
        var clock = Stopwatch.StartNew();

        // As in the engine: no synchronization context, ConfigureAwait(false).
        var (elapsed, thread) = await Task.Run(async () =>
        {
            await _transport.DelayAsync(1, TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
            return (clock.Elapsed, Thread.CurrentThread.Name);
        }).WaitAsync(Limit);

        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(49), TimeSpan.FromSeconds(10));
        Assert.StartsWith("testbed-load io", thread);
    }

    [Fact]
    public async Task DelayAsync_ManyTimersOutOfOrder_EachWaitsItsOwnTime()
    {
        var clock = Stopwatch.StartNew();
        var delays = new[] { 120, 10, 60, 30, 90, 0, 45 };

        var ended = await Task.WhenAll(delays.Select(async (ms, i) =>
        {
            await _transport.DelayAsync(i, TimeSpan.FromMilliseconds(ms), TimeProvider.System, CancellationToken.None);
            return clock.Elapsed.TotalMilliseconds;
        })).WaitAsync(Limit);

        for (int i = 0; i < delays.Length; i++) Assert.True(ended[i] >= delays[i] - 1, $"timer {i} ({delays[i]} ms) ended at {ended[i]:F1} ms");
    }

    [Fact]
    public async Task DelayAsync_TokenCancelled_EndsEarlyWithoutException()
    {
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var delay = _transport.DelayAsync(0, TimeSpan.FromSeconds(30), TimeProvider.System, stop.Token).AsTask();

        await Task.Delay(50);
        await stop.CancelAsync();
        await delay.WaitAsync(Limit);

        Assert.True(delay.IsCompletedSuccessfully);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }
}
