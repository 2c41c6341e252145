namespace Testbed.Load.Engine;

/// <summary>
/// Locust / nGrinder virtual users: started by the <see cref="SpawnSchedule"/>, each loops "request,
/// then think for a uniform time in [min, max]" until the duration ends; in-flight requests then
/// finish or time out. Each user is an async loop with its own seeded Random (seed + index), so a
/// run's think times replay from its seed; 10 000 users cost 10 000 sockets and small buffers, no threads.
/// With a <see cref="Segment"/>, this generator runs only its users of the whole plan, each at the time
/// and with the think-time seed the whole plan gives it: the generators' users together are the plan's.
/// </summary>
internal sealed class UsersProfile(int users, SpawnSchedule schedule, TimeSpan waitMin, TimeSpan waitMax, TimeSpan duration,
    Segment? segment = null) : ILoadProfile
{
    private readonly Segment _segment = segment ?? Segment.Whole;

    /// <summary>This generator's users.</summary>
    public int UserCount => _segment.ShareOf(users);

    public string Name => ProfileNames.Users;
    public TimeSpan? Duration => duration;
    public bool TracksCorrectedLatency => false;

    /// <summary>This generator's users: their numbers in the whole plan and their start times.</summary>
    public IEnumerable<PlannedStart> Starts => _segment.Starts(users, index => schedule.StartOffset((int)index));

    public Task RunAsync(RunContext context) =>
        PlannedStartLoop.RunAsync(Starts, context.Time, context.Stop, start => UserAsync(context, (int)start.Index));

    private async Task UserAsync(RunContext context, int index)
    {
        var random = new Random(unchecked(context.Seed * 7919 + index));
        long spread = (waitMax - waitMin).Ticks;
        var client = context.CreateClient();
        context.UserStarted();
        try
        {
            while (!context.Stop.IsCancellationRequested && !client.IsAborted)
            {
                await context.RunOneAsync(client).ConfigureAwait(false);
                var think = waitMin + TimeSpan.FromTicks(spread == 0 ? 0 : random.NextInt64(spread + 1));
                context.Tallies.CountThink(think);
                if (think <= TimeSpan.Zero) continue;
                await context.ThinkAsync(client, think).ConfigureAwait(false);
            }
        }
        finally
        {
            context.UserStopped();
            context.ReleaseClient(client);
        }
    }
}
