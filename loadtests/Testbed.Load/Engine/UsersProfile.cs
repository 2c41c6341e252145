namespace Testbed.Load.Engine;

/// <summary>
/// Locust / nGrinder virtual users: started by the <see cref="SpawnSchedule"/>, each loops "request,
/// then think for a uniform time in [min, max]" until the duration ends; in-flight requests then
/// finish or time out. Each user is an async loop with its own seeded Random (seed + index), so a
/// run's think times replay from its seed; 10 000 users cost 10 000 sockets and small buffers, no threads.
/// </summary>
internal sealed class UsersProfile(int users, SpawnSchedule schedule, TimeSpan waitMin, TimeSpan waitMax, TimeSpan duration) : ILoadProfile
{
    public string Name => ProfileNames.Users;
    public TimeSpan? Duration => duration;
    public bool TracksCorrectedLatency => false;

    public async Task RunAsync(RunContext context)
    {
        var running = new List<Task>(users);
        long t0 = context.Time.GetTimestamp();
        int startedUsers = 0;
        while (startedUsers < users && !context.Stop.IsCancellationRequested)
        {
            var elapsed = context.Time.GetElapsedTime(t0);
            int due = schedule.UsersStartedAt(elapsed, users);
            for (; startedUsers < due; startedUsers++)
            {
                int index = startedUsers;
                running.Add(UserAsync(context, index)); // runs to its first wait (the connect): no thread-pool queue to start a user
            }
            if (startedUsers >= users) break;
            var wait = schedule.StartOffset(startedUsers) - context.Time.GetElapsedTime(t0);
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, context.Time, context.Stop).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }

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
