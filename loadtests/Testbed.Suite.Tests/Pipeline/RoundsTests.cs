using Testbed.Suite.Launch;
using Testbed.Suite.Results;
using Testbed.Suite.Measurement;
using Testbed.TestCommon;

namespace Testbed.Suite.Tests.Pipeline;

/// <summary>Interleaved rounds against a real server: A B A B, medians with their spread, and the cores stated in the header.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class RoundsTests : IDisposable
{
    private const string Interleaved = """
        {
          "id": "t8", "name": "rounds", "title": "Two steps in interleaved rounds",
          "parameters": { "quick": {}, "full": {} },
          "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"] } ],
          "rounds": 3,
          "steps": [
            { "name": "a", "role": "web", "path": "/index", "profile": "ab", "args": ["-n", "20"], "warmup": ["-n", "5"] },
            { "name": "b", "role": "web", "path": "/sleep?ms=1", "profile": "ab", "args": ["-n", "20"] }
          ],
          "claims": [ { "id": "c", "text": "every run completes", "expr": "a.completed == 20 and b.completed == 20" } ]
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("suite-rounds-").FullName;

    [Fact]
    public async Task RunAsync_ThreeRounds_RunsStepsInterleavedAndKeepsMediansWithSpread()
    {
        var tiny = new TinySuite(_directory, ("t8.json", Interleaved));
        var suite = await tiny.RunAsync();

        var e = suite.Experiments.Single();
        var text = tiny.Console;
        Assert.True(e.Status == ExperimentStatuses.Ran, e.FailureReason + "\n" + text);
        var order = new[] { "step a warm-up", "step a (1/3)", "step b (1/3)", "step a (2/3)", "step b (2/3)", "step a (3/3)", "step b (3/3)" }.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(order, i => Assert.True(i >= 0, text));
        Assert.Equal(order.Order(), order);
        Assert.Equal(1, text.Split("warm-up").Length - 1); // once, before the first round
        foreach (var step in e.Steps)
        {
            Assert.True(step.Interleaved);
            Assert.Equal(3, step.RepeatRps.Count);
            Assert.Equal(3, step.RawFiles.Count);
            Assert.Equal(step.RepeatRps.Order().ElementAt(1), step.Metrics["rps"]);
            Assert.Equal(step.RepeatRps.Min(), step.Metrics["rpsMin"]);
            Assert.Equal(step.RepeatRps.Max(), step.Metrics["rpsMax"]);
        }

        var markdown = tiny.Report("report.md");
        Assert.Contains("(median of 3 runs, interleaved with the other steps: ", markdown);
        Assert.Contains(", spread ±", markdown);
        Assert.Contains("Cores: ", markdown);
        Assert.Equal(Verdicts.Reproduced, e.Claims.Single().Verdict);
    }

    [Fact]
    public void Median_OddAndEvenRuns_MedianPerMetricAndRange()
    {
        var median = StepMetrics.Median([
            new() { ["rps"] = 10, ["cpuMsPerRequest"] = 3, ["p99"] = 5 },
            new() { ["rps"] = 30, ["cpuMsPerRequest"] = 1, ["p99"] = double.NaN },
            new() { ["rps"] = 20, ["cpuMsPerRequest"] = 2, ["p99"] = 7 },
        ]);
        Assert.Equal(20, median["rps"]);
        Assert.Equal(2, median["cpuMsPerRequest"]);
        Assert.Equal(6, median["p99"]); // NaN left out, two values averaged
        Assert.Equal((10, 30), (median["rpsMin"], median["rpsMax"]));
        Assert.Equal((1, 3), (median["cpuMsPerRequestMin"], median["cpuMsPerRequestMax"]));
    }

    [Fact]
    public void Median_OneRunFailed_KeepsTheWorstRunsFailures()
    {
        var median = StepMetrics.Median([
            new() { ["rps"] = 10, ["errors"] = 0, ["failed"] = 0, ["alive"] = 1, ["backend1.alive"] = 1, ["fdsAfter"] = 8 },
            new() { ["rps"] = 30, ["errors"] = 3, ["failed"] = 3, ["alive"] = 1, ["backend1.alive"] = 0, ["fdsAfter"] = 40 },
            new() { ["rps"] = 20, ["errors"] = 0, ["failed"] = 0, ["alive"] = 1, ["backend1.alive"] = 1, ["fdsAfter"] = 8 },
        ]);
        Assert.Equal(20, median["rps"]);
        Assert.Equal((3, 3), (median["errors"], median["failed"]));
        Assert.Equal((1, 0), (median["alive"], median["backend1.alive"]));
        Assert.Equal(40, median["fdsAfter"]);
    }

    [Theory]
    [InlineData(new[] { 0, 1 }, "1", "0")]
    [InlineData(new[] { 0, 1, 2, 3 }, "3", "0,1,2")]
    public void Create_SeveralCores_LoadOnTheLastServersOnTheRest(int[] cores, string load, string servers)
    {
        var plan = CorePlan.Create(true, cores, "/usr/bin/taskset");
        Assert.Equal(load, plan.LoadCores);
        Assert.Equal(servers, plan.ServerCores);
        Assert.Contains($"load generator pinned to core {load}", plan.Description);
    }

    [Fact]
    public void Create_OneCoreOrOff_NotPinnedAndSaysWhy()
    {
        Assert.Contains("not pinned: 1 usable core", CorePlan.Create(true, [0], "/usr/bin/taskset").Description);
        Assert.Null(CorePlan.Create(false, [0, 1], "/usr/bin/taskset").LoadCores);
        Assert.Contains("taskset (util-linux) not found", CorePlan.Create(true, [0, 1], null).Description);
    }

    [Fact]
    public void Create_SeveralGenerators_OwnCoresWhileServersKeepHalf()
    {
        var four = CorePlan.Create(true, [0, 1, 2, 3], "/usr/bin/taskset", generators: 3);
        Assert.Equal(("0,1", "2,3"), (four.ServerCores, four.LoadCores));
        Assert.Equal(["2", "3", "2"], new[] { 1, 2, 3 }.Select(four.GeneratorCores));
        Assert.Contains("3 generators share 2 core(s)", four.Description);

        var two = CorePlan.Create(true, [0, 1], "/usr/bin/taskset", generators: 2);
        Assert.Equal(("0", "1"), (two.ServerCores, two.LoadCores));
        Assert.Equal("1", two.GeneratorCores(2));
        Assert.Null(CorePlan.Create(false, [0, 1, 2, 3], "/usr/bin/taskset", generators: 2).GeneratorCores(1));
    }

    [Fact]
    public void ParseList_RangesAndSingles_Expands() => Assert.Equal([0, 1, 2, 3, 6], CorePlan.ParseList("0-3,6"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
