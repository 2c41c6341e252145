using System.Collections.Concurrent;
using System.Diagnostics;

namespace Testbed.Servers.Tcp;

/// <summary>Thread-safe counters of one server process.</summary>
internal sealed class TcpStats(string mode)
{
    private readonly Stopwatch _uptime = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private long _accepted, _answered, _open, _peakOpen, _processesStarted;

    public long OpenNow => Interlocked.Read(ref _open);

    public void Accepted()
    {
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
    }

    public void Closed(ConnectionOutcome outcome) => Closed(EchoConnection.ErrorKind(outcome));

    /// <summary>An error not tied to an accepted connection (accept failed, a worker died).</summary>
    public void Error(string kind) => _errors.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    public void ProcessStarted() => Interlocked.Increment(ref _processesStarted);

    public TcpStatsSnapshot Snapshot() => new(
        mode,
        Environment.ProcessId,
        Math.Round(_uptime.Elapsed.TotalSeconds, 3),
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _answered),
        Interlocked.Read(ref _open),
        Interlocked.Read(ref _peakOpen),
        Interlocked.Read(ref _processesStarted),
        new SortedDictionary<string, long>(_errors.ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal));
}
