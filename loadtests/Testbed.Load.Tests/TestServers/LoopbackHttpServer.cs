using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Testbed.Load.Tests.TestServers;

/// <summary>
/// A real HTTP/1.1 server on an ephemeral loopback port whose behaviour is chosen by the path, so
/// engine tests know exactly what each request should end as:
/// /fixed (200, "hello"), /delay/MS (the same after MS ms), /chunked (chunked "hello" with a
/// trailer), /vary (body length 1, 2, 3, 1, ...), /close-early (promises 100 bytes, sends 10,
/// closes), /reset (RST without answering), /status/CODE, /served/A,B (X-Served-By rotating over
/// the list), /until-close (no length: body ends at close), /garbage (not HTTP).
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private int _vary;
    private int _served;
    private int _connections;
    private int _requests;

    public LoopbackHttpServer()
    {
        _listener.Start(512);
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";
    public int Connections => Volatile.Read(ref _connections);
    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket s;
            try { s = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception) { return; }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(s));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = new byte[8192];
        int filled = 0;
        try
        {
            while (true)
            {
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    int n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
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
                    int n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
                    if (n == 0) return;
                    filled += n;
                }
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
                Interlocked.Increment(ref _requests);
                string path = head.Split(' ')[1];
                bool close = head.Contains("Connection: close", StringComparison.OrdinalIgnoreCase);
                if (!await RespondAsync(socket, path, close) || close) return;
            }
        }
        catch (Exception) { }
        finally { socket.Dispose(); }
    }

    /// <summary>Returns false when the behaviour closed the connection.</summary>
    private async Task<bool> RespondAsync(Socket socket, string path, bool close)
    {
        string conn = close ? "Connection: close\r\n" : "";
        async Task Send(string text) => await socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None);
        string Ok(string body, string extra = "") => $"HTTP/1.1 200 OK\r\nServer: loopback-test\r\nContent-Length: {body.Length}\r\n{extra}{conn}\r\n{body}";

        if (path.StartsWith("/delay/", StringComparison.Ordinal))
        {
            // Timers may fire a fraction of a millisecond early: top up so the handler takes at least MS.
            var delay = TimeSpan.FromMilliseconds(int.Parse(path[7..]));
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await Task.Delay(delay, _stop.Token);
            while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < delay)
                await Task.Delay(1, _stop.Token);
            await Send(Ok("hello"));
        }
        else if (path == "/chunked")
        {
            await Send($"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n{conn}\r\n3\r\nhel\r\n");
            await Task.Delay(5);
            await Send("2;ext=1\r\nlo\r\n0\r\nX-Trailer: yes\r\n\r\n");
        }
        else if (path == "/vary")
        {
            int len = Interlocked.Increment(ref _vary) % 3 + 1;
            await Send(Ok(new string('v', len)));
        }
        else if (path == "/close-early")
        {
            await Send($"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
            return false;
        }
        else if (path == "/reset")
        {
            socket.LingerState = new LingerOption(true, 0);
            return false;
        }
        else if (path.StartsWith("/status/", StringComparison.Ordinal))
        {
            await Send($"HTTP/1.1 {path[8..]} Whatever\r\nContent-Length: 5\r\n{conn}\r\nerror");
        }
        else if (path.StartsWith("/served/", StringComparison.Ordinal))
        {
            var names = path[8..].Split(',');
            string name = names[Interlocked.Increment(ref _served) % names.Length];
            await Send(Ok("hello", $"X-Served-By: {name}\r\n"));
        }
        else if (path == "/until-close")
        {
            await Send("HTTP/1.1 200 OK\r\n\r\nbody until close");
            return false;
        }
        else if (path == "/garbage")
        {
            await Send("SPDY/9 what\r\n\r\n");
            return false;
        }
        else
        {
            await Send(Ok("hello"));
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accept; } catch (Exception) { }
    }
}
