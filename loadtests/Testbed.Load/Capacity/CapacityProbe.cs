using Testbed.Load.Stats;

namespace Testbed.Load.Capacity;

/// <summary>
/// One probe of a capacity search: a constant-rate run at <see cref="Rate"/> (after its warm-up),
/// its latency corrected for coordinated omission, and whether it met the SLO. A probe that dropped
/// requests (max in flight reached) or hit its hard stop did not offer its rate and fails.
/// The run record holds <see cref="ToDocument"/>; <see cref="Statistics"/> (the probe's whole run,
/// for the record's measured fields) and <see cref="MeasuredSeconds"/> stay here.
/// </summary>
internal sealed record CapacityProbe(
    double Rate, double AchievedRps, double Seconds,
    long Started, long Completed, long Errors, long Dropped,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs,
    IReadOnlyList<ThresholdDocument> Slo, bool Pass, string? Why)
{
    public RunStatistics? Statistics { get; init; }

    /// <summary>How long the measured run took (without the warm-up).</summary>
    public double MeasuredSeconds { get; init; }

    /// <summary>Requests the probe's warm-up completed (not judged, but served: the search's server cost includes them).</summary>
    public long WarmUpCompleted { get; init; }

    public CapacityProbeDocument ToDocument() =>
        new(Rate, AchievedRps, Seconds, Started, Completed, Errors, Dropped, P50Ms, P90Ms, P99Ms, P999Ms, MaxMs, Slo, Pass, Why);
}
