using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>
/// One probe of a capacity search as the run record holds it: a constant-rate run at
/// <see cref="Rate"/> req/s (after its warm-up), its latency corrected for coordinated omission,
/// the SLO judged on it and whether it passed; <see cref="Why"/> (null when it passed, written as
/// null) says why not.
/// </summary>
internal sealed record CapacityProbeDocument(
    double Rate, double AchievedRps, double Seconds,
    long Started, long Completed, long Errors, long Dropped,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs,
    IReadOnlyList<ThresholdDocument> Slo, bool Pass,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Why);
