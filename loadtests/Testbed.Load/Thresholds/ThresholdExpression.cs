using System.Globalization;

namespace Testbed.Load.Thresholds;

/// <summary>
/// One parsed <c>--threshold</c> (or one part of a capacity <c>--slo</c>): "measured OP limit" must
/// hold at the end of the run. Latency limits are in milliseconds, error rates in percent.
/// <see cref="Raw"/> picks the latency as measured (from the actual send) where the profile also
/// has the latency corrected for coordinated omission; without it the corrected one is judged when
/// the profile has it (rate, capacity), the measured one otherwise.
/// </summary>
internal sealed record ThresholdExpression(string Text, ThresholdMetric Metric, double Percentile, bool Raw,
    ThresholdOperator Operator, double Limit)
{
    /// <summary>The metric's name as the record shows it: "p99", "p99.9_raw", "mean", "errors%", "errors", "rps".</summary>
    public string MetricName => Metric switch
    {
        ThresholdMetric.Percentile => "p" + Percentile.ToString("0.###", CultureInfo.InvariantCulture) + (Raw ? "_raw" : ""),
        ThresholdMetric.Mean => Raw ? "mean_raw" : "mean",
        ThresholdMetric.Max => Raw ? "max_raw" : "max",
        ThresholdMetric.ErrorRate => "error_rate",
        ThresholdMetric.ErrorCount => "error_count",
        _ => "rps",
    };

    /// <summary>The unit of <see cref="Limit"/> and of the measured value.</summary>
    public string Unit => Metric switch
    {
        ThresholdMetric.Percentile or ThresholdMetric.Mean or ThresholdMetric.Max => "ms",
        ThresholdMetric.ErrorRate => "%",
        ThresholdMetric.ErrorCount => "",
        _ => "req/s",
    };

    public bool IsLatency => Metric is ThresholdMetric.Percentile or ThresholdMetric.Mean or ThresholdMetric.Max;

    /// <summary>Whether <paramref name="measured"/> meets the limit.</summary>
    public bool Holds(double measured) => Operator switch
    {
        ThresholdOperator.Less => measured < Limit,
        ThresholdOperator.LessOrEqual => measured <= Limit,
        ThresholdOperator.Greater => measured > Limit,
        _ => measured >= Limit,
    };

    /// <summary>True for "less than" limits, the only ones a run can break before its end.</summary>
    public bool IsUpperBound => Operator is ThresholdOperator.Less or ThresholdOperator.LessOrEqual;

    public override string ToString() => Text;
}
