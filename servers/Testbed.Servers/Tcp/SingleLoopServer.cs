using System.Net.Sockets;

namespace Testbed.Servers.Tcp;

/// <summary>
/// <see cref="TcpModes.Single"/>: one thread accepts a connection, answers it and closes it before it
/// accepts the next, as the source's single-process server did. Also the loop of each prefork worker.
/// </summary>
internal sealed class SingleLoopServer(TcpServerOptions options, TcpStats stats, ThrottledLog log) : ITcpServerModel
{
    public Task RunAsync(Socket listener, Action ready, CancellationToken stopping) =>
        Task.Factory.StartNew(() => Run(listener, ready, stopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(Socket listener, Action ready, CancellationToken stopping)
    {
        ready();
        while (BlockingAccept.Next(listener, stats, log, stopping) is { } connection)
        {
            stats.Accepted();
            stats.Closed(EchoConnection.Serve(connection, options.IdleTimeout, stopping));
        }
    }
}
