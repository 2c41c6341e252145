using System.Diagnostics;

namespace Testbed.Servers.Web.Execution;

/// <summary>
/// Counters behind <c>/stats</c>. "In flight" counts handlers running right now (inside the mode's
/// cap), "queued" counts requests waiting for a slot; the suite checks a mode's cap with the peak.
/// Besides the counts, two time integrals (in-flight × time and queued × time) let a reader compute
/// the mean busy slots and mean queue length over a load from two readings: Δintegral ÷ Δtime.
/// They are advanced at every change, under a lock per process, so they are exact, not sampled.
/// The counters live in this worker's slot of a <see cref="StatsBlock"/>, written under a sequence
/// lock so that another worker of the same supervisor can read a consistent slot without a lock.
/// </summary>
internal sealed unsafe class ServerStats : IDisposable
{
    // Slot layout, in longs. Integrals are in Stopwatch ticks × requests; Stopwatch is
    // CLOCK_MONOTONIC on Linux, the same clock in every process, so another worker can extend an
    // integral to "now" itself.
    private const int Sequence = 0;
    private const int ServedField = 1;
    private const int DroppedField = 2;
    private const int InFlightField = 3;
    private const int QueuedField = 4;
    private const int LastChange = 5;
    private const int BusyTicks = 6;
    private const int QueuedTicks = 7;

    // A writer killed between its two sequence bumps leaves the slot odd forever; after this many
    // tries the reader takes the values as they are rather than hang /stats.
    private const int MaxReadTries = 1000;

    private readonly object _gate = new();
    private readonly StatsBlock _block;
    private readonly long* _own;
    private int _peakInFlight;

    /// <summary>Stats for a process on its own (tests, one-process servers).</summary>
    public ServerStats()
        : this(StatsBlock.Private(1), 0)
    {
    }

    /// <summary>Stats kept in slot <paramref name="index"/> of <paramref name="block"/>, which this instance owns.</summary>
    public ServerStats(StatsBlock block, int index)
    {
        _block = block;
        _own = block.Slot(index);
        // A restarted worker takes over its predecessor's slot: the cumulative counters carry on
        // (so sums over workers never go backwards); what was in flight or queued died with it.
        lock (_gate)
        {
            BeginWrite();
            _own[InFlightField] = 0;
            _own[QueuedField] = 0;
            _own[LastChange] = Stopwatch.GetTimestamp();
            EndWrite();
        }
    }

    /// <summary>This process's highest in-flight count (not summed: peaks of workers do not add up).</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public long Served => Read().Served;

    public long Dropped => Read().Dropped;

    public int InFlight => (int)Read().InFlight;

    public int Queued => (int)Read().Queued;

    public void Enqueued() => Change(ServedField, 0, queued: +1, inFlight: 0);

    public void Dequeued() => Change(ServedField, 0, queued: -1, inFlight: 0);

    /// <summary>A queued request whose client had gone away by the time its turn came.</summary>
    public void DroppedBeforeStart() => Change(DroppedField, 1, queued: 0, inFlight: 0);

    public void Started()
    {
        var now = Change(ServedField, 0, queued: 0, inFlight: +1);
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

    public void Finished() => Change(ServedField, 1, queued: 0, inFlight: -1);

    /// <summary>This process's counters, integrals extended to now.</summary>
    public StatsTotals Read() => ReadSlot(_own, Stopwatch.GetTimestamp());

    /// <summary>The sums over every slot of the block: the whole server under a supervisor.</summary>
    public StatsTotals ReadAll()
    {
        var now = Stopwatch.GetTimestamp();
        var total = new StatsTotals(0, 0, 0, 0, 0, 0);
        for (var i = 0; i < _block.Count; i++)
        {
            total = total.Plus(ReadSlot(_block.Slot(i), now));
        }

        return total;
    }

    public void Dispose() => _block.Dispose();

    private int Change(int counter, long counterBy, int queued, int inFlight)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            BeginWrite();
            var elapsed = now - _own[LastChange];
            if (elapsed > 0)
            {
                _own[BusyTicks] += _own[InFlightField] * elapsed;
                _own[QueuedTicks] += _own[QueuedField] * elapsed;
                _own[LastChange] = now;
            }

            _own[counter] += counterBy;
            _own[QueuedField] += queued;
            var current = _own[InFlightField] += inFlight;
            EndWrite();
            return (int)current;
        }
    }

    private void BeginWrite()
    {
        Volatile.Write(ref _own[Sequence], _own[Sequence] + 1);
        Interlocked.MemoryBarrier();
    }

    private void EndWrite() => Volatile.Write(ref _own[Sequence], _own[Sequence] + 1);

    private static StatsTotals ReadSlot(long* slot, long now)
    {
        long served, dropped, inFlight, queued, last, busy, queuedTicks;
        var tries = 0;
        while (true)
        {
            var before = Volatile.Read(ref slot[Sequence]);
            served = Volatile.Read(ref slot[ServedField]);
            dropped = Volatile.Read(ref slot[DroppedField]);
            inFlight = Volatile.Read(ref slot[InFlightField]);
            queued = Volatile.Read(ref slot[QueuedField]);
            last = Volatile.Read(ref slot[LastChange]);
            busy = Volatile.Read(ref slot[BusyTicks]);
            queuedTicks = Volatile.Read(ref slot[QueuedTicks]);
            Interlocked.MemoryBarrier();
            if (((before & 1) == 0 && Volatile.Read(ref slot[Sequence]) == before) || ++tries >= MaxReadTries)
            {
                break;
            }

            Thread.SpinWait(8);
        }

        // An empty slot (a worker not started yet) has last = 0: nothing to extend.
        var since = last > 0 && now > last ? now - last : 0;
        return new StatsTotals(
            served,
            dropped,
            inFlight,
            queued,
            TicksToMs(busy + (inFlight * since)),
            TicksToMs(queuedTicks + (queued * since)));
    }

    private static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
