namespace Testbed.Contracts;

/// <summary>
/// One latency summary in milliseconds (the documented "S" object). Percentiles are nearest-rank,
/// the middle of their HdrHistogram bucket clamped to the exact min and max, rounded to the microsecond.
/// </summary>
internal sealed record LatencyDocument
{
    public long Count { get; init; }

    public double MinMs { get; init; }

    public double MeanMs { get; init; }

    public double StdevMs { get; init; }

    public double MaxMs { get; init; }

    public double P50Ms { get; init; }

    public double P66Ms { get; init; }

    public double P75Ms { get; init; }

    public double P80Ms { get; init; }

    public double P90Ms { get; init; }

    public double P95Ms { get; init; }

    public double P98Ms { get; init; }

    public double P99Ms { get; init; }

    public double P999Ms { get; init; }

    /// <summary>HdrHistogram's compressed encoding (base64) of the latencies in microseconds, so that records merge exactly; missing from older records.</summary>
    public string? HdrHistogram { get; init; }
}
