namespace Testbed.Load.Stats;

/// <summary>
/// What the aggregator knows when it is closed: counts, bytes, latency histograms, the served-by
/// tally and the per-second series. Knows nothing of HTTP or of the profile that produced it.
/// </summary>
internal sealed record RunStatistics(
    RunCounts Counts,
    long TotalBytes,
    long BodyBytes,
    LatencyHistogram Total,
    LatencyHistogram Connect,
    LatencyHistogram Waiting,
    LatencyHistogram Processing,
    LatencyHistogram? Corrected,
    IReadOnlyDictionary<string, long> ServedBy,
    IReadOnlyList<TimeSeriesPoint> TimeSeries);
