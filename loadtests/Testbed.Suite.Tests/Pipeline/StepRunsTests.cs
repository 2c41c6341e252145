using Testbed.Suite.Experiments;
using Testbed.Suite.Measurement;
using Testbed.Suite.Pipeline;

namespace Testbed.Suite.Tests.Pipeline;

public sealed class StepRunsTests
{
    private static readonly StepSpec Spec = new() { Name = "s", Role = "web", Path = "/index", Profile = "ab" };

    private static MeasuredLoad Load(double rps, double cpu) => new(
        new RunRecordDocument { Rps = rps },
        [new RoleCost { Role = "web", CpuMs = cpu }],
        new Dictionary<string, double> { ["rps"] = rps, ["cpuMsPerRequest"] = cpu },
        $"testbed-load ab --rps-was {rps}",
        [],
        [$"raw/s-{rps}.json"],
        []);

    [Fact]
    public void ToResult_ThreeLoadsKept_MediansAndTheMedianRunsCommandAndCosts()
    {
        var step = new StepRuns(Spec, "label", ["web"], "http://127.0.0.1:1/index", []) { CommandLine = "last started" };
        step.Loads.AddRange([Load(30, 3), Load(10, 1), Load(20, 5)]);

        var result = step.ToResult(keep: true, interleaved: true);

        Assert.Equal(20, result.Metrics["rps"]);
        Assert.Equal(3, result.Metrics["cpuMsPerRequest"]);
        Assert.Equal("testbed-load ab --rps-was 20", result.CommandLine);
        Assert.Equal(5, Assert.Single(result.Costs).CpuMs);
        Assert.Equal([30, 10, 20], result.RepeatRps);
        Assert.Equal(["raw/s-30.json", "raw/s-10.json", "raw/s-20.json"], result.RawFiles);
        Assert.True(result.Interleaved);
        Assert.Equal([30, 10, 20], step.ToMeasured(result).Runs.Select(r => r["rps"]));
    }

    [Fact]
    public void ToResult_NotKeptOrSpoiled_RepeatsButNoFigures()
    {
        var step = new StepRuns(Spec, "label", ["web"], "", []) { CommandLine = "last started" };
        step.Loads.Add(Load(10, 1));

        var failed = step.ToResult(keep: false, interleaved: false);
        step.NotEvaluated = "not evaluated: web exited";
        var spoiled = step.ToResult(keep: true, interleaved: false);

        Assert.All([failed, spoiled], r =>
        {
            Assert.Empty(r.Metrics);
            Assert.Equal("last started", r.CommandLine);
            Assert.Equal([10], r.RepeatRps);
        });
        Assert.False(step.Counts);
        Assert.Equal("not evaluated: web exited", spoiled.NotEvaluated);
    }
}
