namespace Testbed.Servers.Web.Hosting;

/// <summary>
/// In a supervised worker: stops the server when its standard input reaches end of file, which
/// happens when the supervisor exits for any reason, SIGKILL included. Without it a killed
/// supervisor would leave orphan workers holding the port.
/// </summary>
internal sealed class SupervisorWatchService(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var buffer = new byte[256];
        await using var stdin = Console.OpenStandardInput();
        try
        {
            while (await stdin.ReadAsync(buffer, stoppingToken) > 0)
            {
                // The supervisor never writes; anything read is ignored.
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lifetime.StopApplication();
    }
}
