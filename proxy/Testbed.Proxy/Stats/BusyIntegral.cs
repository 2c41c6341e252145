using System.Diagnostics;

namespace Testbed.Proxy.Stats;

/// <summary>
/// Requests in flight and their integral over time (request-milliseconds), advanced at every enter
/// and leave under a small lock, so that a reader computes the mean in flight over a load exactly
/// from two readings: Δ<see cref="BusyMs"/> ÷ Δtime.
/// A change is stamped by the caller, so that one attempt enters (and leaves) its backend's
/// integral and the total at the same instant: the total then equals the sum of the backends'
/// integrals to the tick. The integral is n·now − Σ(change·stamp), which does not depend on the
/// order in which concurrent changes take the lock, so a stamp older than the last one is fine.
/// </summary>
internal sealed class BusyIntegral
{
    private readonly object _gate = new();
    private int _inFlight;
    private long _last = Stopwatch.GetTimestamp();
    private long _busyTicks;

    /// <param name="timestamp">A <see cref="Stopwatch.GetTimestamp"/> taken by the caller.</param>
    public void Enter(long timestamp) => Change(+1, timestamp);

    /// <param name="timestamp">A <see cref="Stopwatch.GetTimestamp"/> taken by the caller.</param>
    public void Leave(long timestamp) => Change(-1, timestamp);

    public (int InFlight, double BusyMs) Read()
    {
        lock (_gate)
        {
            long busy = _busyTicks + (_inFlight * (Stopwatch.GetTimestamp() - _last));
            return (_inFlight, busy * 1000.0 / Stopwatch.Frequency);
        }
    }

    private void Change(int by, long now)
    {
        lock (_gate)
        {
            _busyTicks += _inFlight * (now - _last);
            _last = now;
            _inFlight += by;
        }
    }
}
