namespace Testbed.Load.Stats;

/// <summary>What the live progress line shows, produced once a second by the aggregator.</summary>
internal sealed record ProgressSnapshot(
    double ElapsedSeconds, long Completed, long Errors, double CurrentRps, double P50Ms, double P99Ms, int Users);
