using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Testbed.Load.Tests.TestServers;

/// <summary>
/// A real HTTP/1.1 server on an ephemeral loopback port whose behaviour is chosen by the path, so
/// engine tests know exactly what each request should end as:
/// /fixed (200, "hello"), /delay/MS (the same after MS ms), /serial/MS (the same after MS ms, one
/// request at a time over all connections: a one-slot server), /chunked (chunked "hello" with a
/// trailer), /vary (body length 1, 2, 3, 1, ...), /close-early (promises 100 bytes, sends 10,
/// closes), /reset (RST without answering), /status/CODE, /served/A,B (X-Served-By rotating over
/// the list), /until-close (no length: body ends at close), /garbage (not HTTP).
/// Each connection is served by its own thread with blocking sockets, so that what a test measures
/// (a 100 ms handler takes 100 ms) does not depend on the thread pool, which the tests running in
/// parallel keep busy; and that thread runs in the real-time class where allowed
/// (<see cref="RealtimeThread"/>), so that it does not depend on the other processes of this shared
/// machine either: a connection thread woken by its request or its timer runs at once instead of
/// queueing for a CPU, which had made /delay/100 take up to 150 ms under load.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _accept;
    private readonly List<Socket> _open = [];
    private readonly object _slot = new();
    private int _vary;
    private int _served;
    private int _connections;
    private int _requests;

    public LoopbackHttpServer()
    {
        _listener.Start(512);
        _accept = new Thread(AcceptLoop) { IsBackground = true, Name = "loopback accept" };
        _accept.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";
    public int Connections => Volatile.Read(ref _connections);
    public int Requests => Volatile.Read(ref _requests);

    private void AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket s;
            try { s = _listener.AcceptSocket(); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _connections);
            lock (_open) _open.Add(s);
            new Thread(() => Serve(s)) { IsBackground = true, Name = "loopback connection" }.Start();
        }
    }

    private void Serve(Socket socket)
    {
        // Best effort (root, Linux): without it the server is as before, exact only on an idle machine.
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
                int contentLength = 0;
                foreach (var line in head.Split("\r\n"))
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) contentLength = int.Parse(line[15..].Trim());
                int consumed = end + 4 + contentLength;
                while (filled < consumed)
                {
                    int n = socket.Receive(buffer.AsSpan(filled), SocketFlags.None);
                    if (n == 0) return;
                    filled += n;
                }
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                Interlocked.Increment(ref _requests);
                string path = head.Split(' ')[1];
                bool close = head.Contains("Connection: close", StringComparison.OrdinalIgnoreCase);
                if (!Respond(socket, path, close) || close) return;
            }
        }
        catch (Exception) { }
        finally
        {
            lock (_open) _open.Remove(socket);
            socket.Dispose();
        }
    }

    /// <summary>Returns false when the behaviour closed the connection.</summary>
    private bool Respond(Socket socket, string path, bool close)
    {
        string conn = close ? "Connection: close\r\n" : "";
        void Send(string text) => socket.Send(Encoding.ASCII.GetBytes(text), SocketFlags.None);
        string Ok(string body, string extra = "") => $"HTTP/1.1 200 OK\r\nServer: loopback-test\r\nContent-Length: {body.Length}\r\n{extra}{conn}\r\n{body}";

        if (path.StartsWith("/serial/", StringComparison.Ordinal))
        {
            lock (_slot)
            {
                if (_stop.Token.WaitHandle.WaitOne(int.Parse(path[8..]))) return false;
                Send(Ok("hello"));
            }
        }
        else if (path.StartsWith("/delay/", StringComparison.Ordinal))
        {
            // Sleep on this connection's own thread (woken early only by Dispose), topped up so
            // that the handler takes at least MS even if a wait ends a fraction early.
            var delay = TimeSpan.FromMilliseconds(int.Parse(path[7..]));
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            TimeSpan left;
            while ((left = delay - System.Diagnostics.Stopwatch.GetElapsedTime(started)) > TimeSpan.Zero)
            {
                if (_stop.Token.WaitHandle.WaitOne(left)) return false;
            }
            Send(Ok("hello"));
        }
        else if (path == "/chunked")
        {
            Send($"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n{conn}\r\n3\r\nhel\r\n");
            Thread.Sleep(5);
            Send("2;ext=1\r\nlo\r\n0\r\nX-Trailer: yes\r\n\r\n");
        }
        else if (path == "/vary")
        {
            int len = Interlocked.Increment(ref _vary) % 3 + 1;
            Send(Ok(new string('v', len)));
        }
        else if (path == "/close-early")
        {
            Send($"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
            return false;
        }
        else if (path == "/reset")
        {
            socket.LingerState = new LingerOption(true, 0);
            return false;
        }
        else if (path.StartsWith("/status/", StringComparison.Ordinal))
        {
            Send($"HTTP/1.1 {path[8..]} Whatever\r\nContent-Length: 5\r\n{conn}\r\nerror");
        }
        else if (path.StartsWith("/served/", StringComparison.Ordinal))
        {
            var names = path[8..].Split(',');
            string name = names[Interlocked.Increment(ref _served) % names.Length];
            Send(Ok("hello", $"X-Served-By: {name}\r\n"));
        }
        else if (path == "/until-close")
        {
            Send("HTTP/1.1 200 OK\r\n\r\nbody until close");
            return false;
        }
        else if (path == "/keep-then-close")
        {
            // Promises keep-alive, then closes: as a server that times out an idle connection.
            Send(Ok("hello"));
            return false;
        }
        else if (path == "/garbage")
        {
            Send("SPDY/9 what\r\n\r\n");
            return false;
        }
        else
        {
            Send(Ok("hello"));
        }
        return true;
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
