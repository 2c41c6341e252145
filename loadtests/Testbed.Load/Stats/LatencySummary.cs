namespace Testbed.Load.Stats;

/// <summary>Summary of one latency histogram in milliseconds (the JSON "S" object).</summary>
internal sealed record LatencySummary(
    long Count, double MinMs, double MeanMs, double StdevMs, double MaxMs,
    double P50Ms, double P66Ms, double P75Ms, double P80Ms, double P90Ms,
    double P95Ms, double P98Ms, double P99Ms, double P999Ms)
{
    public static LatencySummary From(LatencyHistogram h)
    {
        static double Ms(double us) => Math.Round(us / 1000.0, 3);
        return new LatencySummary(
            h.Count, Ms(h.Count == 0 ? 0 : h.MinMicros), Ms(h.MeanMicros), Ms(h.StdDevMicros), Ms(h.MaxMicros),
            Ms(h.ValueAtPercentile(50)), Ms(h.ValueAtPercentile(66)), Ms(h.ValueAtPercentile(75)),
            Ms(h.ValueAtPercentile(80)), Ms(h.ValueAtPercentile(90)), Ms(h.ValueAtPercentile(95)),
            Ms(h.ValueAtPercentile(98)), Ms(h.ValueAtPercentile(99)), Ms(h.ValueAtPercentile(99.9)));
    }
}
