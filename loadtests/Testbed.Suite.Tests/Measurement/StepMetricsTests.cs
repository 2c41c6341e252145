using Testbed.Suite.Measurement;

namespace Testbed.Suite.Tests.Measurement;

public sealed class StepMetricsTests
{
    [Fact]
    public void Compute_RealAbRun_ReadsCountsAndLatency()
    {
        var run = RunRecordJson.Parse(SuiteTestData.Read("run-ab.json"));
        var metrics = StepMetrics.Compute(run, [], "web");
        Assert.Equal(30, metrics["completed"]);
        Assert.Equal(run.Rps, metrics["rps"]);
        Assert.Equal(run.Latency.Total.MeanMs, metrics["mean"]);
        Assert.Equal(run.DurationSeconds * 1000 / 30, metrics["meanAcross"], 6);
        Assert.True(double.IsNaN(metrics["cpuMs"]));
        Assert.Equal(StepMetrics.Known.Order(), metrics.Keys.Order());
    }

    [Fact]
    public void Compute_UsersRunWithCosts_DerivesErrorsPeakKneeAndCpuPerRequest()
    {
        var run = RunRecordJson.Parse(SuiteTestData.Read("run-users.json"));
        RoleCost[] costs =
        [
            new() { Role = "lb", CpuMs = 100, ThrottledMs = double.NaN, FdsBefore = 10, FdsAfter = 12, Alive = true },
            new() { Role = "backend", CpuMs = 200, ThrottledMs = 50 },
        ];
        var metrics = StepMetrics.Compute(run, costs, "lb");
        Assert.Equal(6, metrics["errors"]);
        Assert.Equal(6.0 / 66, metrics["errorRate"], 9);
        Assert.Equal(2, metrics["maxErrorsPerSecond"]);
        Assert.Equal(2, metrics["servedBy"]);
        Assert.Equal(300, metrics["cpuMs"]);
        Assert.Equal(5, metrics["cpuMsPerRequest"]);
        Assert.Equal(50, metrics["throttledMs"]);
        Assert.Equal(12, metrics["fdsAfter"]);
        Assert.Equal(1, metrics["alive"]);
        Assert.Equal(200.0 / 60, metrics["backend.cpuMsPerRequest"], 9);
        Assert.Equal(50, metrics["backend.throttledMs"]);
        // 3-second averages: 5, 7.33, 10.67, 13, 12.67, 12 → peak 13 at second 4; 90% of it (11.7) first reached at second 4.
        Assert.Equal(13, metrics["peakRps"], 9);
        Assert.Equal(4, metrics["kneeSecond"]);
        // Full seconds 4 6 11 12 13 14: the nearest rank of the 90th percentile of six is the sixth.
        Assert.Equal(14, metrics["sustainedRps"]);
    }

    [Fact]
    public void SustainedRps_OneBurstSecondInTwenty_ReadsTheTypicalHighRate()
    {
        // Nineteen seconds at 100-118 req/s and one burst of 300: the peak follows the burst, the
        // 90th percentile (the 18th of 20) stays with the run.
        static int Rate(int second) => second == 7 ? 300 : 100 + second % 10 * 2;
        var series = Enumerable.Range(1, 20)
            .Select(s => new TimeSeriesPointDocument { Second = s, Completed = Rate(s), Rps = Rate(s) })
            .Append(new TimeSeriesPointDocument { Second = 21, Completed = 50, Rps = 900 })
            .ToList();
        Assert.Equal(118, StepMetrics.SustainedRps(series, 0));
        Assert.True(StepMetrics.PeakAndKnee(series, 0).Peak > 170);
    }

    [Fact]
    public void SustainedRps_NoFullSecond_FallsBackToTheRunsRate() =>
        Assert.Equal(42, StepMetrics.SustainedRps([new TimeSeriesPointDocument { Second = 1, Completed = 10, Rps = 80 }], 42));

    [Fact]
    public void PeakAndKnee_PartialLastSecond_IsLeftOut()
    {
        // The in-flight requests of 200 users complete 63 ms after the last full second.
        TimeSeriesPointDocument[] series =
        [
            new() { Second = 1, Completed = 600, Rps = 600 },
            new() { Second = 2, Completed = 1200, Rps = 1200 },
            new() { Second = 3, Completed = 1200, Rps = 1200 },
            new() { Second = 4, Completed = 200, Rps = 3177 },
        ];
        var (peak, knee) = StepMetrics.PeakAndKnee(series, 0);
        Assert.Equal(1200, peak, 9);
        Assert.Equal(3, knee);
    }

    [Fact]
    public void Parse_OtherSchema_IsRejected() =>
        Assert.Throws<InvalidDataException>(() => RunRecordJson.Parse("""{"schema":"something/else","rps":1}"""));
}
