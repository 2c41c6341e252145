using System.Net.Sockets;

namespace Testbed.Servers.Tcp;

/// <summary>
/// Serves one accepted connection with the echo protocol and always closes it. The blocking form is
/// used by the single, thread, prefork-worker and per-connection-process modes; the async form by async.
/// </summary>
internal static class EchoConnection
{
    private static readonly int Pid = Environment.ProcessId;

    public static ConnectionOutcome Serve(Socket socket, TimeSpan idleTimeout, CancellationToken stopping)
    {
        // A stopping server must not wait out the idle timeout of a silent client. Closing the socket
        // does not wake a thread blocked in recv on Linux; shutting it down does (recv returns 0).
        using var registration = stopping.Register(static s => Interrupt((Socket)s!), socket);
        var buffer = new byte[EchoProtocol.MaxRequestBytes];
        try
        {
            socket.NoDelay = true;
            socket.ReceiveTimeout = socket.SendTimeout = (int)idleTimeout.TotalMilliseconds;
            int read = 0, length = -1;
            while (read < buffer.Length)
            {
                int n = socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
                if (n == 0)
                    break;
                read += n;
                length = EchoProtocol.RequestLength(buffer.AsSpan(0, read));
                if (length >= 0)
                    break;
            }

            if (stopping.IsCancellationRequested)
                return ConnectionOutcome.Aborted;
            if (read == 0)
                return ConnectionOutcome.Empty;
            socket.Send(Answer(socket, buffer, read, length, out bool unread));
            if (unread)
                Drain(socket, idleTimeout);
            return ConnectionOutcome.Answered;
        }
        catch (SocketException e)
        {
            return Classify(e.SocketErrorCode, stopping);
        }
        catch (ObjectDisposedException)
        {
            return ConnectionOutcome.Aborted;
        }
        finally
        {
            socket.Dispose();
        }
    }

    public static async Task<ConnectionOutcome> ServeAsync(Socket socket, TimeSpan idleTimeout, CancellationToken stopping)
    {
        var buffer = new byte[EchoProtocol.MaxRequestBytes];
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            socket.NoDelay = true;
            int read = 0, length = -1;
            while (read < buffer.Length)
            {
                idle.CancelAfter(idleTimeout);
                int n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, idle.Token);
                if (n == 0)
                    break;
                read += n;
                length = EchoProtocol.RequestLength(buffer.AsSpan(0, read));
                if (length >= 0)
                    break;
            }

            if (read == 0)
                return ConnectionOutcome.Empty;
            var response = Answer(socket, buffer, read, length, out bool unread);
            idle.CancelAfter(idleTimeout);
            await socket.SendAsync(response, SocketFlags.None, idle.Token);
            if (unread)
                await DrainAsync(socket, idleTimeout, stopping);
            return ConnectionOutcome.Answered;
        }
        catch (OperationCanceledException)
        {
            return stopping.IsCancellationRequested ? ConnectionOutcome.Aborted : ConnectionOutcome.IdleTimeout;
        }
        catch (SocketException e)
        {
            return Classify(e.SocketErrorCode, stopping);
        }
        catch (ObjectDisposedException)
        {
            return ConnectionOutcome.Aborted;
        }
        finally
        {
            socket.Dispose();
        }
    }

    private static void Interrupt(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Not connected any more, or already closed: nothing blocks on it.
        }

        socket.Dispose();
    }

    public static string? ErrorKind(ConnectionOutcome outcome) => outcome switch
    {
        ConnectionOutcome.Answered => null,
        ConnectionOutcome.Empty => TcpErrorKinds.Empty,
        ConnectionOutcome.Reset => TcpErrorKinds.Reset,
        ConnectionOutcome.IdleTimeout => TcpErrorKinds.IdleTimeout,
        ConnectionOutcome.Aborted => TcpErrorKinds.Aborted,
        _ => TcpErrorKinds.Io,
    };

    /// <summary>The outcome of a connection that failed with <paramref name="error"/>; any failure while stopping is an abort.</summary>
    private static ConnectionOutcome Classify(SocketError error, CancellationToken stopping) =>
        stopping.IsCancellationRequested ? ConnectionOutcome.Aborted : error switch
        {
            SocketError.TimedOut or SocketError.WouldBlock => ConnectionOutcome.IdleTimeout,
            SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => ConnectionOutcome.Reset,
            SocketError.OperationAborted or SocketError.Interrupted => ConnectionOutcome.Aborted,
            _ => ConnectionOutcome.Io,
        };

    /// <summary>
    /// The response to the <paramref name="read"/> bytes in <paramref name="buffer"/>: the request through
    /// its header block (<paramref name="length"/>), or every byte read when the block never ended;
    /// <paramref name="unread"/> tells whether input may be left to drain after sending it.
    /// </summary>
    private static byte[] Answer(Socket socket, byte[] buffer, int read, int length, out bool unread)
    {
        unread = EchoProtocol.MayHaveUnreadInput(read, length, buffer.Length, socket.Available);
        return EchoProtocol.BuildResponse(buffer.AsSpan(0, length >= 0 ? length : read), Pid);
    }

    private static void Drain(Socket socket, TimeSpan idleTimeout)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            socket.ReceiveTimeout = (int)Math.Min(idleTimeout.TotalMilliseconds, EchoProtocol.DrainLimit.TotalMilliseconds);
            var sink = new byte[4096];
            var deadline = Environment.TickCount64 + (long)EchoProtocol.DrainLimit.TotalMilliseconds;
            for (int total = 0; total < EchoProtocol.MaxDrainBytes && Environment.TickCount64 < deadline;)
            {
                int n = socket.Receive(sink);
                if (n == 0)
                    break;
                total += n;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The answer is already sent; a client that resets now changes nothing.
        }
    }

    private static async Task DrainAsync(Socket socket, TimeSpan idleTimeout, CancellationToken stopping)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            limit.CancelAfter(idleTimeout < EchoProtocol.DrainLimit ? idleTimeout : EchoProtocol.DrainLimit);
            var sink = new byte[4096];
            for (int total = 0; total < EchoProtocol.MaxDrainBytes;)
            {
                int n = await socket.ReceiveAsync(sink, SocketFlags.None, limit.Token);
                if (n == 0)
                    break;
                total += n;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // As in Drain: the answer is already sent.
        }
    }
}
