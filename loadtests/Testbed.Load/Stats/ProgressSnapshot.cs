namespace Testbed.Load.Stats;

/// <summary>
/// What the live views show (the progress line, the dashboard), produced once a second by the
/// aggregator: running totals and the last whole second's figures.
/// </summary>
internal sealed record ProgressSnapshot(
    double ElapsedSeconds, long Completed, long Errors, double CurrentRps, double P50Ms, double P99Ms, int Users,
    double P95Ms = 0, int InFlight = 0, long ErrorsLastSecond = 0, long Failed = 0, long Non2xx = 0, long Bytes = 0, int Second = 0,
    double MaxMs = 0);
