namespace Testbed.Servers.Web.Hosting;

/// <summary>
/// In a supervised worker: stops the server when its standard input reaches end of file, which
/// happens when the supervisor exits for any reason, SIGKILL included. Without it a killed
/// supervisor would leave orphan workers holding the port. A plain background thread, because a
/// read on stdin ignores cancellation and would hold up a normal shutdown.
/// </summary>
internal sealed class SupervisorWatchService(IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        new Thread(WatchStdin) { IsBackground = true, Name = "supervisor-watch" }.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void WatchStdin()
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (stdin.Read(buffer) > 0)
        {
            // The supervisor never writes; anything read is ignored.
        }

        lifetime.StopApplication();
    }
}
