namespace Testbed.Proxy.Stats;

/// <summary>Per-backend counters, bumped with Interlocked on the request path.</summary>
internal sealed class DestinationCounters
{
    private long _requests;
    private long _failures;
    private long _lastSuccessTicks;

    public long Requests => Interlocked.Read(ref _requests);

    public long Failures => Interlocked.Read(ref _failures);

    /// <summary><see cref="Environment.TickCount64"/> of the last answer the backend gave (any status), 0 if none.</summary>
    public long LastSuccessTicks => Interlocked.Read(ref _lastSuccessTicks);

    public void Record(bool failed)
    {
        Interlocked.Increment(ref _requests);
        if (failed)
        {
            Interlocked.Increment(ref _failures);
        }
        else
        {
            Volatile.Write(ref _lastSuccessTicks, Environment.TickCount64);
        }
    }
}
