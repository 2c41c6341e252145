namespace Testbed.Load.Thresholds;

/// <summary>What a threshold measures.</summary>
internal enum ThresholdMetric
{
    /// <summary>Latency at a percentile (<see cref="ThresholdExpression.Percentile"/>), in milliseconds.</summary>
    Percentile,
    /// <summary>Mean latency, in milliseconds.</summary>
    Mean,
    /// <summary>Largest latency, in milliseconds.</summary>
    Max,
    /// <summary>Failed plus non-2xx requests, as a percentage of the started ones.</summary>
    ErrorRate,
    /// <summary>Failed plus non-2xx requests.</summary>
    ErrorCount,
    /// <summary>Completed requests per second over the run.</summary>
    Rps,
}
