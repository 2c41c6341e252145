namespace Testbed.Load.Engine;

/// <summary>
/// The open model (wrk2, k6 constant-arrival-rate): requests are due at a constant rate whatever the
/// server does; each is sent on an idle pooled connection, or a new one. When
/// <see cref="MaxInFlight"/> are already outstanding, a due request is dropped (counted, never sent).
/// The latency corrected for coordinated omission is measured from each request's intended send time.
/// With a <see cref="Segment"/>, this generator sends only its hits of the whole schedule (hit k at k / rate
/// seconds, as ever) with its share of <see cref="MaxInFlight"/>: the generators' hits interleave into
/// exactly the whole schedule.
/// </summary>
internal sealed class RateProfile(double rps, TimeSpan duration, int maxInFlight, Segment? segment = null) : ILoadProfile
{
    private readonly ConstantPacer _pacer = new(rps);
    private readonly Segment _segment = segment ?? Segment.Whole;
    private readonly int _maxInFlight = (segment ?? Segment.Whole).ShareOf(maxInFlight);
    private readonly Stack<LoadClient> _idle = new();
    private readonly List<LoadClient> _all = [];
    private int _outstanding;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>This generator's share of the whole plan's cap.</summary>
    public int MaxInFlight => _maxInFlight;

    /// <summary>Hits this generator sends (or drops) over the duration.</summary>
    public long Hits => _segment.ShareOf(_pacer.HitsIn(duration));

    /// <summary>This generator's hits: their numbers in the whole schedule and when each is due.</summary>
    public IEnumerable<PlannedStart> Starts => _segment.Starts(_pacer.HitsIn(duration), _pacer.IntendedOffset);
    public string Name => ProfileNames.Rate;
    public TimeSpan? Duration => duration;

    /// <summary>The dispatcher ends by its own hit count; the stop token is only a backstop, so the
    /// last hits (due just before the end) are never cut off by a timer racing them.</summary>
    public TimeSpan? StopAfter => duration + TimeSpan.FromSeconds(1);
    public bool TracksCorrectedLatency => true;

    public async Task RunAsync(RunContext context)
    {
        var time = context.Time;
        long t0 = time.GetTimestamp();
        long hits = 0; // this generator's hits sent (or dropped) so far
        long total = Hits;
        Interlocked.Increment(ref _outstanding); // the dispatcher itself, so "drained" means the loop ended too
        try
        {
            while (hits < total && !context.Stop.IsCancellationRequested)
            {
                var elapsed = time.GetElapsedTime(t0);
                long index = _segment.GlobalIndex(hits);
                var wait = _pacer.Pace(elapsed, index);
                if (wait > TimeSpan.Zero)
                {
                    // On the epoll engine this wait is a timer in event loop 0, so the dispatcher and
                    // the requests it sends then run on that loop, with no thread hop per request.
                    await context.Transport.DelayAsync(0, wait, time, context.Stop).ConfigureAwait(false);
                    continue;
                }
                var planned = _pacer.IntendedOffset(index);
                long intended = t0 + (long)(planned.TotalSeconds * time.TimestampFrequency);
                hits++;
                if (Volatile.Read(ref _outstanding) - 1 >= _maxInFlight)
                {
                    context.CountDropped();
                    continue;
                }
                // Sent, but behind plan: the generator (its loop, its core) fell behind the schedule.
                if (elapsed - planned > RunTallies.LateThreshold) context.Tallies.CountLateStart();
                Interlocked.Increment(ref _outstanding);
                _ = SendAsync(context, intended);
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _outstanding) == 0) _drained.TrySetResult();
        }
        await _drained.Task.ConfigureAwait(false);
        lock (_idle)
        {
            foreach (var c in _all) context.ReleaseClient(c);
            _idle.Clear();
        }
    }

    private async Task SendAsync(RunContext context, long intended)
    {
        LoadClient? client = null;
        try
        {
            lock (_idle)
            {
                if (!_idle.TryPop(out client))
                {
                    client = context.CreateClient();
                    _all.Add(client);
                }
            }
            await context.RunOneAsync(client, intended).ConfigureAwait(false);
            lock (_idle) _idle.Push(client);
        }
        finally
        {
            if (Interlocked.Decrement(ref _outstanding) == 0) _drained.TrySetResult();
        }
    }
}
