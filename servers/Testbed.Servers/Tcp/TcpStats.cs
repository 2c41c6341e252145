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
        Interlocked.Decrement(ref _open);
        if (errorKind is null)
            Interlocked.Increment(ref _answered);
        else
            Error(errorKind);
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
