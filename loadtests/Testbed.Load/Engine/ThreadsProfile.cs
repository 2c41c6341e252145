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

    public Task RunAsync(RunContext context) =>
        PlannedStartLoop.RunAsync(Starts, context.Time, context.Stop, _ => WorkerAsync(context));

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
