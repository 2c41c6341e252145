using System.Runtime.InteropServices;
using Testbed.Servers.Tcp;

namespace Testbed.EchoChild;

/// <summary>
/// Serves the connection on an inherited descriptor with direct libc calls, with the same protocol,
/// timeouts, lingering close and outcomes as the server's <c>EchoConnection.Serve</c>. The child does not
/// wrap the descriptor in a System.Net.Sockets.Socket because the first SafeSocketHandle of a process
/// starts the socket engine (an epoll instance and its thread, for async I/O this child never does),
/// which measured about 2 ms of the child's CPU per connection on the shared test VM (docs/tcp-servers.md).
/// </summary>
internal static unsafe class DescriptorConnection
{
    public static ConnectionOutcome Serve(int fd, TimeSpan idleTimeout, CancellationToken stopping)
    {
        // As in EchoConnection: a stopping child must not wait out a silent client, and shutdown (not
        // close) is what wakes a thread blocked in recv.
        using var registration = stopping.Register(() => LibC.shutdown(fd, LibC.SHUT_RDWR));
        try
        {
            if (!Configure(fd, idleTimeout, out int errno))
            {
                Console.Error.WriteLine($"testbed-echo-child: descriptor {fd} is not a TCP socket: {Marshal.GetPInvokeErrorMessage(errno)}");
                return ConnectionOutcome.Io;
            }

            var buffer = new byte[EchoProtocol.MaxRequestBytes];
            int read = 0, length = -1;
            while (read < buffer.Length)
            {
                long n = Receive(fd, buffer.AsSpan(read), out errno);
                if (n < 0)
                    return Classify(errno, stopping);
                if (n == 0)
                    break;
                read += (int)n;
                length = EchoProtocol.RequestLength(buffer.AsSpan(0, read));
                if (length >= 0)
                    break;
            }

            if (stopping.IsCancellationRequested)
                return ConnectionOutcome.Aborted;
            if (read == 0)
                return ConnectionOutcome.Empty;
            bool unread = EchoProtocol.MayHaveUnreadInput(read, length, buffer.Length, Available(fd));
            var response = EchoProtocol.BuildResponse(buffer.AsSpan(0, length >= 0 ? length : read), Environment.ProcessId);
            if (!SendAll(fd, response, out errno))
                return Classify(errno, stopping);
            if (unread)
                Drain(fd, idleTimeout);
            return ConnectionOutcome.Answered;
        }
        finally
        {
            LibC.close(fd);
        }
    }

    private static bool Configure(int fd, TimeSpan idleTimeout, out int errno)
    {
        int one = 1;
        var timeout = TimeVal.From(idleTimeout);
        bool ok = LibC.setsockopt(fd, LibC.IPPROTO_TCP, LibC.TCP_NODELAY, &one, sizeof(int)) == 0
            && LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, &timeout, sizeof(TimeVal)) == 0
            && LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDTIMEO, &timeout, sizeof(TimeVal)) == 0;
        errno = ok ? 0 : Marshal.GetLastPInvokeError();
        return ok;
    }

    private static long Receive(int fd, Span<byte> into, out int errno)
    {
        fixed (byte* p = into)
        {
            while (true)
            {
                long n = LibC.recv(fd, p, (nuint)into.Length, 0);
                errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (n >= 0 || errno != LibC.EINTR)
                    return n;
            }
        }
    }

    private static bool SendAll(int fd, ReadOnlySpan<byte> data, out int errno)
    {
        errno = 0;
        fixed (byte* p = data)
        {
            for (int sent = 0; sent < data.Length;)
            {
                // MSG_NOSIGNAL: a client that has gone away is an outcome (EPIPE), not a SIGPIPE death.
                long n = LibC.send(fd, p + sent, (nuint)(data.Length - sent), LibC.MSG_NOSIGNAL);
                if (n < 0)
                {
                    errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EINTR)
                        continue;
                    return false;
                }

                sent += (int)n;
            }
        }

        return true;
    }

    private static int Available(int fd)
    {
        int count = 0;
        return LibC.ioctl(fd, LibC.FIONREAD, &count) == 0 ? count : 0;
    }

    // The lingering close of EchoConnection.Drain: half-close, then read and discard for a bounded time.
    private static void Drain(int fd, TimeSpan idleTimeout)
    {
        LibC.shutdown(fd, LibC.SHUT_WR);
        var timeout = TimeVal.From(idleTimeout < EchoProtocol.DrainLimit ? idleTimeout : EchoProtocol.DrainLimit);
        LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, &timeout, sizeof(TimeVal));
        Span<byte> sink = stackalloc byte[4096];
        long deadline = Environment.TickCount64 + (long)EchoProtocol.DrainLimit.TotalMilliseconds;
        for (int total = 0; total < EchoProtocol.MaxDrainBytes && Environment.TickCount64 < deadline;)
        {
            long n = Receive(fd, sink, out _);
            if (n <= 0)
                break;
            total += (int)n;
        }
    }

    private static ConnectionOutcome Classify(int errno, CancellationToken stopping) =>
        stopping.IsCancellationRequested ? ConnectionOutcome.Aborted : errno switch
        {
            LibC.EAGAIN => ConnectionOutcome.IdleTimeout,
            LibC.ECONNRESET or LibC.EPIPE or LibC.ECONNABORTED => ConnectionOutcome.Reset,
            _ => ConnectionOutcome.Io,
        };
}
