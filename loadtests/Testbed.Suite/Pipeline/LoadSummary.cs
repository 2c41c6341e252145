using Testbed.Suite.Claims;
using Testbed.Suite.Measurement;
using Testbed.Suite.Reports;

namespace Testbed.Suite.Pipeline;

/// <summary>The one line the console and the live page show for a measured load.</summary>
internal static class LoadSummary
{
    public static string Describe(MeasuredLoad load)
    {
        var run = load.Run;
        var capacity = run.Capacity is null ? "" : ReportText.Capacity(run.Capacity) + ": ";
        return capacity + $"{NumberFormat.Short(run.Rps)} req/s, mean {NumberFormat.Short(run.Latency.Total.MeanMs)} ms, p99 {NumberFormat.Short(run.Latency.Total.P99Ms)} ms, {run.Counts.Completed} ok, {run.Counts.Failed} failed, {run.Counts.Non2xx} non-2xx, {NumberFormat.Short(load.Metrics["cpuMsPerRequest"])} CPU ms/req"
            + ReportText.Generators(load.Generators);
    }

    /// <summary>"; limit: slots — single: 1 of 1 slots busy …", appended to the load's line.</summary>
    public static string Limit(StepLimit limit) => $"; limit: {ReportText.Limit(limit)}";
}
