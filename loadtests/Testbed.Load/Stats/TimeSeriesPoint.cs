namespace Testbed.Load.Stats;

/// <summary>One second of a run: responses that ended in that second and the gauges sampled at its end.</summary>
internal sealed record TimeSeriesPoint(
    int Second, long Completed, long Non2xx, long Failed, double Rps,
    double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    int Users, int InFlight, long Bytes);
