namespace Testbed.Load.Engine;

/// <summary>
/// ApacheBench's closed loop: <see cref="Concurrency"/> clients share a budget of
/// <see cref="Requests"/>; each sends its next request as soon as the previous one ends.
/// With a time limit, no request starts after it.
/// </summary>
internal sealed class AbProfile(long requests, int concurrency, TimeSpan? timeLimit) : ILoadProfile
{
    private long _remaining = requests;

    /// <summary>
    /// Generator <paramref name="segment"/>'s share of the whole plan: of the requests and of the
    /// clients, each numbered and dealt out in turn, so the shares add up to exactly -n and -c.
    /// </summary>
    public static AbProfile ForSegment(long requests, int concurrency, TimeSpan? timeLimit, Segment segment) =>
        new(segment.ShareOf(requests), segment.ShareOf(concurrency), timeLimit);

    public long Requests { get; } = requests;
    public int Concurrency => concurrency;
    public string Name => ProfileNames.Ab;
    public TimeSpan? Duration => timeLimit;
    public bool TracksCorrectedLatency => false;

    public Task RunAsync(RunContext context)
    {
        var workers = new Task[concurrency];
        for (int i = 0; i < concurrency; i++) workers[i] = WorkerAsync(context); // runs to its first wait (the connect), then on the sockets
        return Task.WhenAll(workers);
    }

    private async Task WorkerAsync(RunContext context)
    {
        var client = context.CreateClient();
        context.UserStarted();
        try
        {
            while (!context.Stop.IsCancellationRequested && !client.IsAborted && Interlocked.Decrement(ref _remaining) >= 0)
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
