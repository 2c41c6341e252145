namespace Testbed.Proxy.Stats;

/// <summary>Per-backend counters, bumped with Interlocked on the request path.</summary>
internal sealed class DestinationCounters
{
    private long _requests;
    private long _failures;
    private long _lastSuccessTicks;
    private long _refused;
    private long _timeout;
    private long _canceled;
    private long _other;

    /// <summary>Attempts in flight on this backend and their integral over time.</summary>
    public BusyIntegral Busy { get; } = new();

    public FailureCounts FailuresByKind => new(
        Interlocked.Read(ref _refused), Interlocked.Read(ref _timeout), Interlocked.Read(ref _canceled), Interlocked.Read(ref _other));

    public long Requests => Interlocked.Read(ref _requests);

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary><see cref="Environment.TickCount64"/> of the last answer the backend gave (any status), 0 if none.</summary>
    public long LastSuccessTicks => Interlocked.Read(ref _lastSuccessTicks);

    public void Record(bool failed) => Record(failed ? FailureKind.Other : null);

    public void Record(FailureKind? failure)
    {
        Interlocked.Increment(ref _requests);
        if (failure is { } kind)
        {
            Interlocked.Increment(ref _failures);
            switch (kind)
            {
                case FailureKind.Refused: Interlocked.Increment(ref _refused); break;
                case FailureKind.Timeout: Interlocked.Increment(ref _timeout); break;
                case FailureKind.Canceled: Interlocked.Increment(ref _canceled); break;
                default: Interlocked.Increment(ref _other); break;
            }
        }
        else
        {
            Volatile.Write(ref _lastSuccessTicks, Environment.TickCount64);
        }
    }
}
