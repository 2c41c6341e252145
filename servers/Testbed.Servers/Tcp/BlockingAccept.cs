using System.Net.Sockets;

namespace Testbed.Servers.Tcp;

/// <summary>
/// The accept step of the blocking modes: waits in short polls so a stop request is noticed, and turns
/// accept failures into counted, throttled log lines and a back-off instead of a crash.
/// </summary>
internal static class BlockingAccept
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Back-off after a resource failure: the pending connection stays queued and would make poll spin.</summary>
    public static readonly TimeSpan BackOff = TimeSpan.FromMilliseconds(100);

    /// <summary>The next connection, or null when the server is stopping.</summary>
    public static Socket? Next(Socket listener, TcpStats stats, ThrottledLog log, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!listener.Poll(PollInterval, SelectMode.SelectRead))
                    continue;
                return listener.Accept();
            }
            catch (SocketException e)
            {
                HandleAcceptError(e.SocketErrorCode, e.Message, stats, log);
                if (IsResourceError(e.SocketErrorCode))
                    stopping.WaitHandle.WaitOne(BackOff);
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
        }

        return null;
    }

    public static bool IsResourceError(SocketError error) =>
        error is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable;

    /// <summary>Counts and logs a failed accept. A connection reset while queued is not the server's failure.</summary>
    public static void HandleAcceptError(SocketError error, string message, TcpStats stats, ThrottledLog log)
    {
        switch (error)
        {
            case SocketError.ConnectionAborted or SocketError.ConnectionReset or SocketError.WouldBlock or SocketError.Interrupted:
                return;
            case SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable:
                stats.Error(TcpErrorKinds.FdExhausted);
                log.Write(TcpErrorKinds.FdExhausted, $"accept failed: {message}; backing off {BackOff.TotalMilliseconds:0} ms and serving on");
                return;
            default:
                stats.Error(TcpErrorKinds.AcceptFailed);
                log.Write(TcpErrorKinds.AcceptFailed, $"accept failed: {message}");
                return;
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the open connections to finish.</summary>
    public static void WaitForOpenConnections(TcpStats stats, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (stats.OpenNow > 0 && Environment.TickCount64 < deadline)
            Thread.Sleep(10);
    }
}
