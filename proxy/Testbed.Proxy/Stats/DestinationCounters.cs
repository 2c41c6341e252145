namespace Testbed.Proxy.Stats;

/// <summary>Per-backend counters, bumped with Interlocked on the request path.</summary>
internal sealed class DestinationCounters
{
    private long _requests;
    private long _failures;

    public long Requests => Interlocked.Read(ref _requests);

    public long Failures => Interlocked.Read(ref _failures);

    public void Record(bool failed)
    {
        Interlocked.Increment(ref _requests);
        if (failed)
        {
            Interlocked.Increment(ref _failures);
        }
    }
}
