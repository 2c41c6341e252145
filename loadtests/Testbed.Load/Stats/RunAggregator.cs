using System.Threading.Channels;

namespace Testbed.Load.Stats;

/// <summary>
/// The single consumer of a run's result records (vegeta's "attack | report" split): it owns every
/// histogram and counter, so the engine's workers share nothing but the channel. Results are
/// attributed to the second in which they ended; gauge ticks close seconds even when no response
/// arrives (a stalled server still gets its empty rows).
/// </summary>
internal sealed class RunAggregator
{
    private readonly long _startTimestamp;
    private readonly long _frequency;
    private readonly Action<ProgressSnapshot>? _onSecond;
    private readonly LatencyHistogram _total = new();
    private readonly LatencyHistogram _connect = new();
    private readonly LatencyHistogram _waiting = new();
    private readonly LatencyHistogram _processing = new();
    private readonly LatencyHistogram? _corrected;
    private readonly LatencyHistogram _second = new();
    private readonly ILatencyIntervalSink? _intervals;
    private readonly IRunGauges? _gauges;
    private readonly ServedByTally _servedBy;
    private readonly List<TimeSeriesPoint> _series = [];
    private readonly long[] _failedByKind = new long[Enum.GetValues<FailureKind>().Length];

    private long _completed, _non2xx, _failed, _bytes, _bodyBytes, _keepAlive, _received;
    private int _currentSecond = 1;
    private long _secCompleted, _secNon2xx, _secFailed, _secBytes;
    private int _users, _inFlight;
    private bool _closed;

    public RunAggregator(long startTimestamp, long timestampFrequency, bool trackCorrected,
        Action<ProgressSnapshot>? onSecond = null, int maxServedByKeys = ServedByTally.DefaultMaxKeys,
        ILatencyIntervalSink? intervals = null, IRunGauges? gauges = null)
    {
        _intervals = intervals;
        _gauges = gauges;
        _startTimestamp = startTimestamp;
        _frequency = timestampFrequency;
        _corrected = trackCorrected ? new LatencyHistogram() : null;
        _onSecond = onSecond;
        _servedBy = new ServedByTally(maxServedByKeys);
    }

    /// <summary>How often <see cref="ConsumeAsync"/> drains the channel: 20 ms.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Number of request results (not ticks) consumed so far.</summary>
    public long Received => _received;

    /// <summary>
    /// Drains the channel every <see cref="DefaultPollInterval"/> instead of awaiting each item: a
    /// waiting reader would make every write wake a thread, which at tens of thousands of requests per
    /// second costs the generator more CPU than parsing the responses. Each drain still wakes the
    /// timer thread and a pool thread, so it is done only as often as a person or a second's row
    /// needs it; results wait at most that long to be counted.
    /// </summary>
    public async Task ConsumeAsync(ChannelReader<RequestResult> reader, TimeSpan? pollInterval = null)
    {
        var interval = pollInterval ?? DefaultPollInterval;
        while (true)
        {
            while (reader.TryRead(out var r)) Add(r);
            if (reader.Completion.IsCompleted) break;
            await Task.Delay(interval).ConfigureAwait(false);
        }
        while (reader.TryRead(out var r)) Add(r);
    }

    public void Add(in RequestResult r)
    {
        int second = SecondOf(r.EndTimestamp);
        if (r.IsTick)
        {
            _users = r.Users;
            _inFlight = r.InFlight;
            if (second > _currentSecond)
            {
                AdvanceTo(second, r.EndTimestamp);
            }
            return;
        }

        if (second > _currentSecond) AdvanceTo(second, r.EndTimestamp);
        _received++;
        _bytes += r.Bytes;
        _secBytes += r.Bytes;
        _bodyBytes += r.BodyBytes;
        switch (r.Outcome)
        {
            case RequestOutcome.Completed: _completed++; _secCompleted++; break;
            case RequestOutcome.Non2xx: _non2xx++; _secNon2xx++; break;
            default:
                _failed++; _secFailed++;
                _failedByKind[(int)r.Failure]++;
                return; // no response, so no latency
        }
        if (r.KeptAlive) _keepAlive++;
        _total.Record(r.TotalMicros);
        _second.Record(r.TotalMicros);
        _connect.Record(r.ConnectMicros);
        _processing.Record(r.TotalMicros - r.ConnectMicros);
        _waiting.Record(r.WaitingMicros);
        if (_corrected is not null && r.CorrectedMicros >= 0) _corrected.Record(r.CorrectedMicros);
        if (r.ServedBy is not null) _servedBy.Add(r.ServedBy);
    }

    /// <summary>Closes the run: flushes the last (possibly partial) second and returns the statistics.</summary>
    public RunStatistics Close(long started, long dropped, long endTimestamp)
    {
        if (_closed) throw new InvalidOperationException("The aggregator is already closed.");
        _closed = true;
        double elapsed = (endTimestamp - _startTimestamp) / (double)_frequency;
        double lastLength = elapsed - (_currentSecond - 1);
        if (_secCompleted + _secNon2xx + _secFailed > 0 || lastLength > 0.05)
        {
            FlushSecond(Math.Clamp(lastLength, 0.05, 1.0));
        }

        var byKind = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, name) in FailureKinds.All) byKind[name] = _failedByKind[(int)kind];
        var counts = new RunCounts(started, _completed, _non2xx, _failed, dropped, byKind, _keepAlive);
        return new RunStatistics(counts, _bytes, _bodyBytes, _total, _connect, _waiting, _processing, _corrected,
            _servedBy.Snapshot(), _series);
    }

    private int SecondOf(long timestamp)
    {
        long delta = Math.Max(0, timestamp - _startTimestamp);
        return (int)Math.Min(int.MaxValue - 1, delta / _frequency) + 1;
    }

    private void AdvanceTo(int second, long now)
    {
        if (_gauges is not null)
        {
            _users = _gauges.Users;
            _inFlight = _gauges.InFlight;
        }

        while (_currentSecond < second)
        {
            FlushSecond(1.0);
        }
        if (_onSecond is not null && _series.Count > 0)
        {
            var last = _series[^1];
            _onSecond(new ProgressSnapshot((now - _startTimestamp) / (double)_frequency, _completed,
                _failed + _non2xx, last.Rps, last.P50Ms, last.P99Ms, _users, last.P95Ms, _inFlight,
                last.Failed + last.Non2xx, _failed, _non2xx, _bytes, last.Second, last.MaxMs));
        }
    }

    private void FlushSecond(double lengthSeconds)
    {
        static double Ms(double us) => Math.Round(us / 1000.0, 3);
        _series.Add(new TimeSeriesPoint(
            _currentSecond, _secCompleted, _secNon2xx, _secFailed,
            Math.Round(_secCompleted / lengthSeconds, 2),
            Ms(_second.MeanMicros), Ms(_second.ValueAtPercentile(50)), Ms(_second.ValueAtPercentile(95)),
            Ms(_second.ValueAtPercentile(99)), Ms(_second.Count == 0 ? 0 : _second.MaxMicros),
            _users, _inFlight, _secBytes));
        _intervals?.Write(_currentSecond - 1, lengthSeconds, _second);
        _second.Reset();
        _secCompleted = _secNon2xx = _secFailed = _secBytes = 0;
        _currentSecond++;
    }
}
