using Testbed.Load.Stats;

namespace Testbed.Load.Thresholds;

/// <summary>Judges thresholds against a finished run's statistics.</summary>
internal static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdDocument> Evaluate(IReadOnlyList<ThresholdExpression> thresholds, RunStatistics stats,
        double durationSeconds, ThresholdExpression? abortedBy = null) =>
        [.. thresholds.Select(t =>
        {
            double measured = Measure(t, stats, durationSeconds);
            return new ThresholdDocument(t.Text, t.MetricName, t.Unit, double.IsNaN(measured) ? null : measured, t.Holds(measured),
                ReferenceEquals(t, abortedBy));
        })];

    /// <summary>
    /// The measured value. A run with no response has no latency: NaN, which fails every comparison
    /// (a latency limit is not met by a run that measured none).
    /// </summary>
    public static double Measure(ThresholdExpression t, RunStatistics stats, double durationSeconds)
    {
        var c = stats.Counts;
        var h = t.Raw || stats.Corrected is null ? stats.Total : stats.Corrected;
        if (t.IsLatency && h.Count == 0) return double.NaN;
        return t.Metric switch
        {
            ThresholdMetric.Percentile => Math.Round(h.ValueAtPercentile(t.Percentile) / 1000.0, 3),
            ThresholdMetric.Mean => Math.Round(h.MeanMicros / 1000.0, 3),
            ThresholdMetric.Max => Math.Round(h.MaxMicros / 1000.0, 3),
            ThresholdMetric.ErrorRate => c.Started == 0 ? 0 : Math.Round(100.0 * (c.Failed + c.Non2xx) / c.Started, 4),
            ThresholdMetric.ErrorCount => c.Failed + c.Non2xx,
            _ => durationSeconds > 0 ? Math.Round(c.Completed / durationSeconds, 3) : 0,
        };
    }

    /// <summary>Exit code 99 (as k6) when a threshold failed.</summary>
    public const int ExitThresholdFailed = 99;
}
