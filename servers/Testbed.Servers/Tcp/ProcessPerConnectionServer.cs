using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Testbed.Servers.Tcp;

/// <summary>
/// <see cref="TcpModes.Process"/>: every accepted connection is handed to a new OS process, inetd style:
/// the <paramref name="child"/> (the Native AOT <c>testbed-echo-child</c>, or this same executable as
/// <c>tcp --serve-fd 0</c>) is spawned with the connection as its standard input, serves that one
/// connection and exits with its <see cref="ConnectionOutcome"/> as exit code; the parent closes its copy
/// at once and counts the outcome when it reaps the child. At most --max-connections children live at
/// once (default <see cref="DefaultMaxChildren"/>); further connections wait in the backlog.
/// </summary>
internal sealed class ProcessPerConnectionServer(TcpServerOptions options, ProcessChild child, TcpStats stats, ThrottledLog log) : ITcpServerModel
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Children running at once when --max-connections is not given: two per core. A runtime child is a
    /// whole .NET runtime start (~150 ms of CPU); with hundreds started together every one of them gets a
    /// sliver of the cores and all finish late (the E8 quick load had 128 children each taking over the
    /// clients' 10 s timeout, so not one request completed). Few at a time finish in a fraction of a
    /// second each, and the waiting connections queue in the backlog, first come first served. An AOT
    /// child lives for milliseconds, so the same few keep the cores busy.
    /// </summary>
    public static int DefaultMaxChildren => 2 * Environment.ProcessorCount;

    public Task RunAsync(Socket listener, Action ready, CancellationToken stopping) =>
        Task.Factory.StartNew(() => Run(listener, ready, stopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(Socket listener, Action ready, CancellationToken stopping)
    {
        using var launcher = child.Path is { } path ? ProcessLauncher.Native(path) : ProcessLauncher.Self();
        using var reaper = new ChildReaper();
        // Not disposed: a child reaped late may still release its slot.
        var slots = new SemaphoreSlim(options.EffectiveMaxConnections);
        var idleTimeout = options.IdleTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        string[] childArguments = child.Kind == ProcessChildren.Aot
            ? ["--idle-timeout", idleTimeout]
            : ["tcp", "--serve-fd", "0", "--idle-timeout", idleTimeout];
        // Non-blocking, so that a connection that vanishes between poll and accept cannot block the loop.
        listener.Blocking = false;
        int listenFd = (int)listener.SafeHandle.DangerousGetHandle();
        ready();

        while (true)
        {
            try
            {
                slots.Wait(stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            int fd = AcceptOne(listener, listenFd, stopping);
            if (fd < 0)
            {
                slots.Release();
                break;
            }

            stats.Accepted();
            // Under overload a connection can wait in the backlog longer than its client does: a client
            // that gave up and reset it is not worth a process start; close it and count it.
            if (LibC.PeerGone(fd))
            {
                LibC.close(fd);
                stats.Closed(TcpErrorKinds.Reset);
                slots.Release();
                continue;
            }

            long spawnStart = Stopwatch.GetTimestamp();
            int error = launcher.Spawn(childArguments, fd, out int pid);
            long spawnEnd = Stopwatch.GetTimestamp();
            // The child has its own copy of the connection now (or there is no child): close ours. A bare
            // close, never shutdown, which would cut the child's connection too.
            LibC.close(fd);
            if (error != 0)
            {
                stats.Closed(TcpErrorKinds.SpawnFailed);
                slots.Release();
                log.Write(TcpErrorKinds.SpawnFailed,
                    $"cannot start a process ({Marshal.GetPInvokeErrorMessage(error)}): {launcher.Describe(childArguments)}; backing off and serving on");
                stopping.WaitHandle.WaitOne(BlockingAccept.BackOff);
                continue;
            }

            stats.ProcessStarted();
            stats.ChildSpawned(spawnEnd - spawnStart);
            reaper.Track(pid, status =>
            {
                stats.ChildEnded(Stopwatch.GetTimestamp() - spawnStart);
                stats.Closed(Outcome(status));
                slots.Release();
            });
        }

        // Children serve one short connection each; give them a moment, then stop them.
        reaper.WaitForNone(TimeSpan.FromMilliseconds(300));
        reaper.StopAll(TimeSpan.FromMilliseconds(700));
    }

    /// <summary>The descriptor of the next connection, or -1 when the server is stopping.</summary>
    private int AcceptOne(Socket listener, int listenFd, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!listener.Poll(PollInterval, SelectMode.SelectRead))
                    continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return -1;
            }

            int fd = LibC.accept4(listenFd, IntPtr.Zero, IntPtr.Zero, LibC.SOCK_CLOEXEC);
            if (fd >= 0)
                return fd;
            int errno = Marshal.GetLastPInvokeError();
            var error = errno switch
            {
                LibC.EMFILE or LibC.ENFILE => SocketError.TooManyOpenSockets,
                LibC.ENOBUFS or LibC.ENOMEM => SocketError.NoBufferSpaceAvailable,
                LibC.EAGAIN => SocketError.WouldBlock,
                LibC.EINTR => SocketError.Interrupted,
                LibC.ECONNABORTED => SocketError.ConnectionAborted,
                _ => SocketError.SocketError,
            };
            BlockingAccept.HandleAcceptError(error, Marshal.GetPInvokeErrorMessage(errno), stats, log);
            if (BlockingAccept.IsResourceError(error))
                stopping.WaitHandle.WaitOne(BlockingAccept.BackOff);
        }

        return -1;
    }

    private static string? Outcome(int status)
    {
        if (LibC.Exited(status) && Enum.IsDefined((ConnectionOutcome)LibC.ExitCode(status)))
            return EchoConnection.ErrorKind((ConnectionOutcome)LibC.ExitCode(status));
        return TcpErrorKinds.ChildFailed;
    }
}
