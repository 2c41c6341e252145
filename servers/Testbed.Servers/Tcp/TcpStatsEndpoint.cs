using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Testbed.Common;

namespace Testbed.Servers.Tcp;

/// <summary>
/// --stats-port: answers any HTTP GET on a second port with <c>{"tcp": counters, "process":
/// figures}</c>, where the figures (<see cref="ProcessFigures"/>) cover the server and every child
/// or prefork worker. The echo port cannot carry it (every byte there is echoed), and the stats
/// file cannot be read from another container; this is how the suite measures a TCP server it did
/// not start. One connection at a time: it is read a few times per load, never under load.
/// </summary>
internal sealed class TcpStatsEndpoint(Func<TcpStatsSnapshot> snapshot, ThrottledLog log)
{
    public static Socket Listen(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(address, port));
        socket.Listen(16);
        return socket;
    }

    public async Task ServeAsync(Socket listener, CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                log.Write("stats_port", $"stats port accept failed: {e.Message}");
                continue;
            }

            using (client)
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(TimeSpan.FromSeconds(2));
                    // The request itself does not matter; wait for its first bytes so that the answer is not a reset.
                    _ = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                    var body = $"{{\"tcp\":{snapshot().ToJson()},\"process\":{JsonSerializer.Serialize(ProcessFigures.ForSelf(), TcpStatsSnapshot.Json)}}}";
                    var bytes = Encoding.UTF8.GetBytes(body);
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
                    await client.SendAsync(head, SocketFlags.None, timeout.Token);
                    await client.SendAsync(bytes, SocketFlags.None, timeout.Token);
                    client.Shutdown(SocketShutdown.Both);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException)
                {
                    // A reader that went away: nothing to answer.
                }
            }
        }
    }
}
