namespace Testbed.Load.Engine;

/// <summary>
/// A JMeter thread group: <see cref="Threads"/> clients started evenly over the ramp-up, each sending
/// <see cref="Loops"/> requests back to back and then stopping. Clients are async loops, not OS threads.
/// With a <see cref="Segment"/>, this generator runs only its threads of the whole group, each at the
/// time the whole ramp-up gives it.
/// </summary>
internal sealed class ThreadsProfile(int threads, int loops, TimeSpan rampUp, Segment? segment = null) : ILoadProfile
{
    private readonly RampUpSchedule _schedule = new(threads, rampUp);
    private readonly Segment _segment = segment ?? Segment.Whole;

    /// <summary>This generator's threads: their numbers in the whole group and their start times.</summary>
    public IEnumerable<PlannedStart> Starts => _segment.Starts(threads, index => _schedule.StartOffset((int)index));

    /// <summary>Requests this generator sends when every one is sent.</summary>
    public long Requests => (long)_segment.ShareOf(threads) * loops;

    public string Name => ProfileNames.Threads;
    public TimeSpan? Duration => null;
    public bool TracksCorrectedLatency => false;

    public async Task RunAsync(RunContext context)
    {
        var workers = new List<Task>(_segment.ShareOf(threads));
        long t0 = context.Time.GetTimestamp();
        foreach (var start in Starts)
        {
            var wait = start.Offset - context.Time.GetElapsedTime(t0);
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
