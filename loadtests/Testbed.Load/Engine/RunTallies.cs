namespace Testbed.Load.Engine;

/// <summary>
/// Counts the profiles keep for the run's diagnosis: the rate profile's late starts, the users
/// profile's think times as drawn. One interlocked add per start or think: nothing on the hot path
/// beyond what the run already does per request.
/// </summary>
internal sealed class RunTallies
{
    /// <summary>A rate start sent more than this after its planned time is late. 10 ms: well above the
    /// loop's timer granularity (1 ms) and scheduling noise on an idle core, well below the periods
    /// of any rate this tool is used at (1000/s is 1 ms apart, so a late start is 10 periods behind).</summary>
    public static readonly TimeSpan LateThreshold = TimeSpan.FromMilliseconds(10);

    private long _lateStarts;
    private long _thinks;
    private long _thinkTicks;

    public long LateStarts => Interlocked.Read(ref _lateStarts);

    public long Thinks => Interlocked.Read(ref _thinks);

    public TimeSpan ThinkTotal => TimeSpan.FromTicks(Interlocked.Read(ref _thinkTicks));

    /// <summary>Per-thread CPU and wait as the load starts and as it ends, read while the event loops
    /// still run (their threads end with the transport, and an ended thread's figures are gone).</summary>
    public Diagnosis.ThreadTimes? ThreadsAtStart { get; set; }

    public Diagnosis.ThreadTimes? ThreadsAtEnd { get; set; }

    public void CountLateStart() => Interlocked.Increment(ref _lateStarts);

    public void CountThink(TimeSpan think)
    {
        Interlocked.Increment(ref _thinks);
        Interlocked.Add(ref _thinkTicks, think.Ticks);
    }
}
