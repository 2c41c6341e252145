using System.Globalization;
using Testbed.Load.Engine;
using Testbed.Load.Tests.TestServers;
using Testbed.Load.Thresholds;

namespace Testbed.Load.Tests.Thresholds;

/// <summary>Thresholds judged on real runs, with limits set to exactly what the run measured.</summary>
public sealed class ThresholdEvaluatorTests
{
    [Fact]
    public async Task Evaluate_LimitEqualToMeasured_StrictFailsInclusivePasses()
    {
        await using var server = new SingleSlotHttpServer(TimeSpan.FromMilliseconds(2));
        var stats = await Runs.RunAsync(new RateProfile(40, TimeSpan.FromSeconds(0.5), 100), server.Url("/"));
        Assert.NotNull(stats.Corrected);
        const double seconds = 0.5;
        foreach (var metric in new[] { "p50", "p99", "p99.9_raw", "mean", "mean_raw", "max", "max_raw", "errors", "rps" })
        {
            var probe = ThresholdParser.Parse(metric + "<1", "--threshold");
            double measured = ThresholdEvaluator.Measure(probe, stats, seconds);
            string value = measured.ToString("R", CultureInfo.InvariantCulture) + (probe.IsLatency ? "ms" : "");
            bool Passes(string op) => ThresholdEvaluator.Evaluate([ThresholdParser.Parse(metric + op + value, "--threshold")], stats, seconds)[0].Pass;
            Assert.False(Passes("<"), $"{metric}<{value}");
            Assert.True(Passes("<="), $"{metric}<={value}");
            Assert.False(Passes(">"), $"{metric}>{value}");
            Assert.True(Passes(">="), $"{metric}>={value}");
        }
    }

    [Fact]
    public async Task Evaluate_CorrectedAndRaw_PlainNameJudgesCorrectedOnTheOpenModel()
    {
        // 60 req/s at a 20 ms single slot (50 req/s): a backlog builds, which only the corrected latency shows in full.
        await using var server = new SingleSlotHttpServer(TimeSpan.FromMilliseconds(20));
        var stats = await Runs.RunAsync(new RateProfile(60, TimeSpan.FromSeconds(1), 100), server.Url("/"));
        var p99 = ThresholdParser.Parse("p99<1ms", "--threshold");
        var raw = ThresholdParser.Parse("p99_raw<1ms", "--threshold");
        Assert.Equal(Math.Round(stats.Corrected!.ValueAtPercentile(99) / 1000, 3), ThresholdEvaluator.Measure(p99, stats, 1));
        Assert.Equal(Math.Round(stats.Total.ValueAtPercentile(99) / 1000, 3), ThresholdEvaluator.Measure(raw, stats, 1));
        Assert.True(ThresholdEvaluator.Measure(p99, stats, 1) > ThresholdEvaluator.Measure(raw, stats, 1));
    }

    [Fact]
    public async Task Evaluate_ErrorRateAtItsValue_StrictFailsInclusivePasses()
    {
        await using var server = new SingleSlotHttpServer(TimeSpan.FromMilliseconds(1));
        var stats = await Runs.RunAsync(new RateProfile(40, TimeSpan.FromSeconds(0.5), 100), server.Url("/status/500"));
        Assert.True(stats.Counts.Non2xx > 0);
        Assert.False(ThresholdEvaluator.Evaluate([ThresholdParser.Parse("errors<100%", "--threshold")], stats, 0.5)[0].Pass);
        Assert.True(ThresholdEvaluator.Evaluate([ThresholdParser.Parse("errors<=100%", "--threshold")], stats, 0.5)[0].Pass);
        Assert.Equal(stats.Counts.Non2xx, ThresholdEvaluator.Measure(ThresholdParser.Parse("errors<1", "--threshold"), stats, 0.5));
    }
}
