using System.Collections.Concurrent;
using System.Diagnostics;

namespace Testbed.Servers.Tcp;

/// <summary>Thread-safe counters of one server process.</summary>
internal sealed class TcpStats(string mode)
{
    private readonly Stopwatch _uptime = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private readonly Lock _busyGate = new();
    private long _accepted, _answered, _open, _peakOpen, _processesStarted;
    private long _busyOpen, _busyLast = Stopwatch.GetTimestamp(), _busyTicks;
    private long _spawnTicks, _childLifetimeTicks;

    public long OpenNow => Interlocked.Read(ref _open);

    public void Accepted()
    {
        Integrate(+1);
        Interlocked.Increment(ref _accepted);
        long open = Interlocked.Increment(ref _open);
        for (long peak = Interlocked.Read(ref _peakOpen); open > peak; peak = Interlocked.Read(ref _peakOpen))
        {
            if (Interlocked.CompareExchange(ref _peakOpen, open, peak) == peak)
                break;
        }
    }

    /// <summary>An accepted connection is closed; <paramref name="errorKind"/> null means it was answered.</summary>
    public void Closed(string? errorKind)
    {
        // The outcome is counted before the connection stops counting as open: a stopping server
        // waits for OpenNow to reach 0 and then writes its final stats, so a decrement first let that
        // report slip in between and miss the outcome (a silent client's idle_timeout, seen as
        // open=0 with no error, about 1 run in 6 when SIGTERM follows the close at once).
        // Interlocked operations and the dictionary's lock are full fences, so a reader that sees
        // the decrement also sees the outcome.
        if (errorKind is null)
            Interlocked.Increment(ref _answered);
        else
            Error(errorKind);
        Interlocked.Decrement(ref _open);
        Integrate(-1);
    }

    public void Closed(ConnectionOutcome outcome) => Closed(EchoConnection.ErrorKind(outcome));

    /// <summary>An error not tied to an accepted connection (accept failed, a worker died).</summary>
    public void Error(string kind) => _errors.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    public void ProcessStarted() => Interlocked.Increment(ref _processesStarted);

    /// <summary>A child was started for one connection: <paramref name="spawnTicks"/> (Stopwatch) spent in the spawn call.</summary>
    public void ChildSpawned(long spawnTicks) => Interlocked.Add(ref _spawnTicks, spawnTicks);

    /// <summary>A connection's child was reaped <paramref name="lifetimeTicks"/> (Stopwatch) after its spawn began.</summary>
    public void ChildEnded(long lifetimeTicks) => Interlocked.Add(ref _childLifetimeTicks, lifetimeTicks);

    /// <summary>The integral of open connections over time, in connection-milliseconds, up to now.</summary>
    public double BusyMs
    {
        get
        {
            lock (_busyGate)
                return (_busyTicks + (_busyOpen * (Stopwatch.GetTimestamp() - _busyLast))) * 1000.0 / Stopwatch.Frequency;
        }
    }

    // Its own count under the lock, so that the integral never sees a count changed between two of its steps.
    private void Integrate(int by)
    {
        lock (_busyGate)
        {
            long now = Stopwatch.GetTimestamp();
            _busyTicks += _busyOpen * (now - _busyLast);
            _busyLast = now;
            _busyOpen += by;
        }
    }

    private static double Ms(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 3);

    public TcpStatsSnapshot Snapshot() => new(
        mode,
        Environment.ProcessId,
        Math.Round(_uptime.Elapsed.TotalSeconds, 3),
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _answered),
        Interlocked.Read(ref _open),
        Interlocked.Read(ref _peakOpen),
        Interlocked.Read(ref _processesStarted),
        new SortedDictionary<string, long>(_errors.ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal),
        Math.Round(BusyMs, 3),
        Ms(Interlocked.Read(ref _spawnTicks)),
        Ms(Interlocked.Read(ref _childLifetimeTicks)));
}
