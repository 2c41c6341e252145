using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>A raw socket client: connects to 127.0.0.1, sends bytes, reads until the server closes.</summary>
internal static class EchoClient
{
    public static byte[] Request(string path) => Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    public static async Task<EchoReply> ExchangeAsync(int port, byte[] request, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var socket = await ConnectAsync(port, deadline.Token);
        await socket.SendAsync(request, SocketFlags.None, deadline.Token);
        return EchoReply.Parse(await ReadToCloseAsync(socket, deadline.Token));
    }

    public static async Task<Socket> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async Task<byte[]> ReadToCloseAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            received.Write(buffer, 0, n);
        return received.ToArray();
    }

    /// <summary>Runs <paramref name="count"/> exchanges, at most <paramref name="concurrency"/> at a time.</summary>
    public static async Task<EchoReply[]> BurstAsync(int port, int count, int concurrency, TimeSpan timeout)
    {
        var replies = new EchoReply[count];
        int next = -1;
        var clients = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                replies[i] = await ExchangeAsync(port, Request($"/burst/{i}"), timeout);
        });
        await Task.WhenAll(clients);
        return replies;
    }
}
