using System.Net.Sockets;

namespace Testbed.Servers.Tcp;

/// <summary>
/// <see cref="TcpModes.Async"/>: asynchronous accept and I/O; connections share the thread pool and no
/// thread waits on a socket. At most --max-connections are served at once; further ones wait in the backlog.
/// </summary>
internal sealed class AsyncServer(TcpServerOptions options, TcpStats stats, ThrottledLog log) : ITcpServerModel
{
    public async Task RunAsync(Socket listener, Action ready, CancellationToken stopping)
    {
        var slots = new SemaphoreSlim(options.EffectiveMaxConnections);
        ready();
        while (true)
        {
            Socket connection;
            try
            {
                await slots.WaitAsync(stopping);
                try
                {
                    connection = await listener.AcceptAsync(stopping);
                }
                catch
                {
                    slots.Release();
                    throw;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e)
            {
                BlockingAccept.HandleAcceptError(e.SocketErrorCode, e.Message, stats, log);
                if (BlockingAccept.IsResourceError(e.SocketErrorCode))
                    await Task.Delay(BlockingAccept.BackOff, CancellationToken.None);
                continue;
            }

            stats.Accepted();
            _ = ServeAsync(connection, slots, stopping);
        }

        var deadline = Environment.TickCount64 + 1000;
        while (stats.OpenNow > 0 && Environment.TickCount64 < deadline)
            await Task.Delay(10, CancellationToken.None);
    }

    private async Task ServeAsync(Socket connection, SemaphoreSlim slots, CancellationToken stopping)
    {
        try
        {
            stats.Closed(await EchoConnection.ServeAsync(connection, options.IdleTimeout, stopping));
        }
        finally
        {
            slots.Release();
        }
    }
}
