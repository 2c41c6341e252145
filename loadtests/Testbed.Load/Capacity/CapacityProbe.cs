using System.Text.Json.Serialization;
using Testbed.Load.Stats;
using Testbed.Load.Thresholds;

namespace Testbed.Load.Capacity;

/// <summary>
/// One probe of a capacity search: a constant-rate run at <see cref="Rate"/> (after its warm-up),
/// its latency corrected for coordinated omission, and whether it met the SLO. A probe that dropped
/// requests (max in flight reached) or hit its hard stop did not offer its rate and fails.
/// Serialized as is (camelCase); <see cref="Statistics"/> (the probe's whole run, for the run
/// record) and <see cref="MeasuredSeconds"/> are not.
/// </summary>
internal sealed record CapacityProbe(
    double Rate, double AchievedRps, double Seconds,
    long Started, long Completed, long Errors, long Dropped,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs,
    IReadOnlyList<ThresholdResult> Slo, bool Pass, string? Why)
{
    [JsonIgnore]
    public RunStatistics? Statistics { get; init; }

    /// <summary>How long the measured run took (without the warm-up).</summary>
    [JsonIgnore]
    public double MeasuredSeconds { get; init; }
}
