namespace Testbed.Servers.Web.Execution;

/// <summary>
/// Counters behind <c>/stats</c>. "In flight" counts handlers running right now (inside the mode's
/// cap), "queued" counts requests waiting for a slot; the suite checks a mode's cap with the peak.
/// Lock-free because every request of every mode passes through here.
/// </summary>
internal sealed class ServerStats
{
    private long _served;
    private long _dropped;
    private int _inFlight;
    private int _peakInFlight;
    private int _queued;

    public long Served => Interlocked.Read(ref _served);
    public long Dropped => Interlocked.Read(ref _dropped);
    public int InFlight => Volatile.Read(ref _inFlight);
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);
    public int Queued => Volatile.Read(ref _queued);

    public void Enqueued() => Interlocked.Increment(ref _queued);

    public void Dequeued() => Interlocked.Decrement(ref _queued);

    /// <summary>A queued request whose client had gone away by the time its turn came.</summary>
    public void DroppedBeforeStart() => Interlocked.Increment(ref _dropped);

    public void Started()
    {
        var now = Interlocked.Increment(ref _inFlight);
        var peak = Volatile.Read(ref _peakInFlight);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakInFlight, now, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }
    }

    public void Finished()
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _served);
    }
}
