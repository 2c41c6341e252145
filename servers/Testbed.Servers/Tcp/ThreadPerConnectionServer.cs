using System.Net.Sockets;

namespace Testbed.Servers.Tcp;

/// <summary>
/// <see cref="TcpModes.Thread"/>: a new dedicated thread with blocking I/O for every connection, as the
/// source's multithread server. Unlike the source it keeps no list of client sockets: each thread closes
/// its own, so descriptors do not pile up. At most --max-connections threads run; further connections
/// wait in the backlog.
/// </summary>
internal sealed class ThreadPerConnectionServer(TcpServerOptions options, TcpStats stats, ThrottledLog log) : ITcpServerModel
{
    // The handler needs little stack; the default 8 MB reservation would limit how many threads fit.
    private const int StackSize = 256 * 1024;

    public Task RunAsync(Socket listener, Action ready, CancellationToken stopping) =>
        Task.Factory.StartNew(() => Run(listener, ready, stopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(Socket listener, Action ready, CancellationToken stopping)
    {
        using var slots = new SemaphoreSlim(options.EffectiveMaxConnections);
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

            var connection = BlockingAccept.Next(listener, stats, log, stopping);
            if (connection is null)
            {
                slots.Release();
                break;
            }

            stats.Accepted();
            try
            {
                new Thread(() => Serve(connection, slots, stopping), StackSize) { IsBackground = true }.Start();
            }
            catch (Exception e) when (e is OutOfMemoryException or ThreadStartException)
            {
                connection.Dispose();
                stats.Closed(TcpErrorKinds.ThreadFailed);
                slots.Release();
                log.Write(TcpErrorKinds.ThreadFailed, $"cannot start a thread: {e.Message}; backing off and serving on");
                stopping.WaitHandle.WaitOne(BlockingAccept.BackOff);
            }
        }

        BlockingAccept.WaitForOpenConnections(stats, TimeSpan.FromSeconds(1));
    }

    private void Serve(Socket connection, SemaphoreSlim slots, CancellationToken stopping)
    {
        try
        {
            stats.Closed(EchoConnection.Serve(connection, options.IdleTimeout, stopping));
        }
        finally
        {
            try
            {
                slots.Release();
            }
            catch (ObjectDisposedException)
            {
                // The server stopped and disposed the semaphore while this connection was finishing.
            }
        }
    }
}
