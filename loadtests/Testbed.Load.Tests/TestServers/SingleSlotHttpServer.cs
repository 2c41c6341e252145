using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Testbed.Load.Tests.TestServers;

/// <summary>
/// A real HTTP/1.1 server whose capacity is known by construction: one request at a time, each held
/// for <c>serviceTime</c> (testbed-server's mode "single" with a fixed handler), so it completes at
/// most 1 / serviceTime requests per second (50 req/s at 20 ms), and any higher arrival rate builds
/// a queue whose wait grows without bound. Connections have their own threads, which queue for the
/// one slot (a lock: not strictly in arrival order, which changes who waits, not the capacity); each runs in the real-time class where allowed
/// (<see cref="RealtimeThread"/>), so that the busy shared machine does not stretch the service time.
/// Paths are ignored except /status/CODE, answered at once with that status and no slot (for error
/// tests), and /half-fail, where every second request is answered so with 500 and the others as usual.
/// </summary>
internal sealed class SingleSlotHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _accept;
    private readonly List<Socket> _open = [];
    private readonly object _slot = new();
    private readonly TimeSpan _serviceTime;
    private int _requests;
    private int _halfFail;

    public SingleSlotHttpServer(TimeSpan serviceTime)
    {
        _serviceTime = serviceTime;
        _listener.Start(512);
        _accept = new Thread(AcceptLoop) { IsBackground = true, Name = "single-slot accept" };
        _accept.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public string Url(string path = "/") => $"http://127.0.0.1:{Port}{path}";
    public int Requests => Volatile.Read(ref _requests);

    private void AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket s;
            try { s = _listener.AcceptSocket(); }
            catch (Exception) { return; }
            lock (_open) _open.Add(s);
            new Thread(() => Serve(s)) { IsBackground = true, Name = "single-slot connection" }.Start();
        }
    }

    private void Serve(Socket socket)
    {
        RealtimeThread.TryEnter();
        var buffer = new byte[8192];
        int filled = 0;
        try
        {
            while (true)
            {
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    int n = socket.Receive(buffer.AsSpan(filled), SocketFlags.None);
                    if (n == 0) return;
                    filled += n;
                }
                string head = Encoding.ASCII.GetString(buffer, 0, end);
                Buffer.BlockCopy(buffer, end + 4, buffer, 0, filled - end - 4);
                filled -= end + 4;
                string path = head.Split(' ')[1];
                bool close = head.Contains("Connection: close", StringComparison.OrdinalIgnoreCase) || head.Contains("HTTP/1.0", StringComparison.Ordinal);
                string conn = close ? "Connection: close\r\n" : "";
                if (path.StartsWith("/status/", StringComparison.Ordinal) || (path == "/half-fail" && Interlocked.Increment(ref _halfFail) % 2 == 0))
                {
                    string status = path == "/half-fail" ? "500" : path[8..];
                    socket.Send(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Whatever\r\nContent-Length: 5\r\n{conn}\r\nerror"), SocketFlags.None);
                }
                else
                {
                    lock (_slot)
                    {
                        // Topped up so that the handler takes at least the service time even if a wait ends early.
                        long started = Stopwatch.GetTimestamp();
                        TimeSpan left;
                        while ((left = _serviceTime - Stopwatch.GetElapsedTime(started)) > TimeSpan.Zero)
                        {
                            if (_stop.Token.WaitHandle.WaitOne(left)) return;
                        }
                    }
                    Interlocked.Increment(ref _requests);
                    socket.Send(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n{conn}\r\nhello"), SocketFlags.None);
                }
                if (close) return;
            }
        }
        catch (Exception) { }
        finally
        {
            lock (_open) _open.Remove(socket);
            socket.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _accept.Join(TimeSpan.FromSeconds(5));
        lock (_open)
        {
            foreach (var s in _open) s.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
