namespace Testbed.Load.Engine;

/// <summary>
/// A JMeter thread group: <see cref="Threads"/> clients started evenly over the ramp-up, each sending
/// <see cref="Loops"/> requests back to back and then stopping. Clients are async loops, not OS threads.
/// </summary>
internal sealed class ThreadsProfile(int threads, int loops, TimeSpan rampUp) : ILoadProfile
{
    private readonly RampUpSchedule _schedule = new(threads, rampUp);

    public string Name => ProfileNames.Threads;
    public TimeSpan? Duration => null;
    public bool TracksCorrectedLatency => false;

    public async Task RunAsync(RunContext context)
    {
        var workers = new List<Task>(threads);
        long t0 = context.Time.GetTimestamp();
        for (int i = 0; i < threads; i++)
        {
            var wait = _schedule.StartOffset(i) - context.Time.GetElapsedTime(t0);
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, context.Time, context.Stop).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
            workers.Add(WorkerAsync(context)); // runs to its first wait (the connect), then on the sockets
        }
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task WorkerAsync(RunContext context)
    {
        var client = context.CreateClient();
        context.UserStarted();
        try
        {
            for (int i = 0; i < loops && !context.Stop.IsCancellationRequested && !client.IsAborted; i++)
            {
                await context.RunOneAsync(client).ConfigureAwait(false);
            }
        }
        finally
        {
            context.UserStopped();
            context.ReleaseClient(client);
        }
    }
}
