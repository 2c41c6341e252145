using System.Diagnostics;

namespace Testbed.Proxy.Stats;

/// <summary>
/// Requests in flight and their integral over time (request-milliseconds), advanced at every enter
/// and leave under a small lock, so that a reader computes the mean in flight over a load exactly
/// from two readings: Δ<see cref="BusyMs"/> ÷ Δtime.
/// </summary>
internal sealed class BusyIntegral
{
    private readonly object _gate = new();
    private int _inFlight;
    private long _last = Stopwatch.GetTimestamp();
    private long _busyTicks;

    public void Enter() => Change(+1);

    public void Leave() => Change(-1);

    public (int InFlight, double BusyMs) Read()
    {
        lock (_gate)
        {
            long busy = _busyTicks + (_inFlight * (Stopwatch.GetTimestamp() - _last));
            return (_inFlight, busy * 1000.0 / Stopwatch.Frequency);
        }
    }

    private void Change(int by)
    {
        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            _busyTicks += _inFlight * (now - _last);
            _last = now;
            _inFlight += by;
        }
    }
}
