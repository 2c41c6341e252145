using System.Text.Json.Nodes;
using Testbed.Suite.Experiments;
using Testbed.Suite.Reports;
using Testbed.Suite.Results;
using Testbed.Suite.Running;

namespace Testbed.Suite.Tests.Running;

/// <summary>Grading an experiment from real run records made elsewhere (<see cref="ClusterRecords"/>).</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class RecordGraderTests(ClusterRecords records) : IClassFixture<ClusterRecords>
{
    private string Out => Path.Combine(records.Directory, "graded-" + Guid.NewGuid().ToString("N"));

    private SuiteResult Grade(params (string Step, string Path)[] steps) =>
        RecordGrader.Grade(ExperimentLoader.LoadDirectory(records.Experiments), "x6", RunModes.Quick, steps, Out, TimeProvider.System);

    [Fact]
    public void Grade_MergedAndSingleRecords_SameFiguresAsTheSuiteWithoutServerCost()
    {
        var e = Grade(("one", records.One), ("two", records.Two)).Experiments.Single();

        foreach (var name in new[] { "one", "two" })
        {
            var graded = e.Steps.Single(s => s.Name == name).Metrics;
            var measured = records.Measured.Steps.Single(s => s.Name == name).Metrics;
            foreach (var metric in new[] { "rps", "completed", "peakRps", "kneeSecond", "p99", "generators", "generatorCpuMs", "generatorCpuMsPerRequest", "generatorMaxCores" })
            {
                Assert.True(graded[metric] == measured[metric], $"{name}.{metric}: graded {graded[metric]}, measured {measured[metric]}");
            }

            // The suite measured the server here; graded records carry no server cost: unknown, not 0.
            Assert.True(measured["cpuMs"] > 0, $"{name}: the suite measured {measured["cpuMs"]} ms");
            Assert.True(double.IsNaN(graded["cpuMs"]) && double.IsNaN(graded["cpuMsPerRequest"]) && double.IsNaN(graded["throttledMs"]));
            Assert.False(graded.ContainsKey("web.cpuMs"));
        }

        Assert.Equal(2, e.Steps.Single(s => s.Name == "two").Metrics["generators"]);
        Assert.Equal("2 generators, 4 users", e.Steps.Single(s => s.Name == "two").Label);
    }

    [Fact]
    public void Grade_MergedRecord_EachGeneratorsCpuAndRequestsFromItsSegment()
    {
        var two = Grade(("two", records.Two)).Experiments.Single().Steps.Single(s => s.Name == "two");
        var measured = records.Measured.Steps.Single(s => s.Name == "two");

        Assert.Equal(["1/2", "2/2"], two.Generators.Select(g => g.Segment));
        Assert.Equal(measured.Generators.Select(g => g.Completed), two.Generators.Select(g => g.Completed));
        Assert.Equal(two.Metrics["completed"], two.Generators.Sum(g => g.Completed));
        Assert.Equal(measured.Generators.Select(g => g.CpuMs), two.Generators.Select(g => g.CpuMs));
        Assert.All(two.Generators, g => Assert.True(g.CpuMs > 0 && g.CpuMsPerRequest > 0 && g.Cores > 0, $"{g.Segment}: {g.CpuMs} ms, {g.Cores} cores"));
    }

    [Fact]
    public void Grade_CollectorsFolder_SegmentsFoundBesideTheMergedRecord()
    {
        // A collector merged /results/two/*.json inside its container; the folder was copied out.
        var folder = Collected(file => "/results/two/" + Path.GetFileName(file), withSegments: true);

        var two = Grade(("two", Path.Combine(folder, "merged.json"))).Experiments.Single().Steps.Single(s => s.Name == "two");

        Assert.Equal(records.Measured.Steps.Single(s => s.Name == "two").Generators.Select(g => g.Completed), two.Generators.Select(g => g.Completed));
        Assert.Equal(two.Metrics["completed"], two.Generators.Sum(g => g.Completed));
    }

    [Fact]
    public void Grade_MergedRecordWithoutItsSegments_KeepsEachGeneratorsCpu()
    {
        var folder = Collected(file => "/results/two/" + Path.GetFileName(file), withSegments: false);

        var two = Grade(("two", Path.Combine(folder, "merged.json"))).Experiments.Single().Steps.Single(s => s.Name == "two");

        Assert.Equal(["1/2", "2/2"], two.Generators.Select(g => g.Segment));
        Assert.All(two.Generators, g => Assert.True(g.CpuMs > 0 && g.Completed == 0, $"{g.Segment}: {g.CpuMs} ms, {g.Completed} requests"));
        Assert.Equal(records.Measured.Steps.Single(s => s.Name == "two").Metrics["generatorCpuMs"], two.Metrics["generatorCpuMs"]);
    }

    /// <summary>
    /// A new folder holding step two's merged record as merged.json, its generators' files renamed
    /// by <paramref name="rename"/> (where they lay where the merge ran), and with the segments'
    /// records beside it when <paramref name="withSegments"/>.
    /// </summary>
    private string Collected(Func<string, string> rename, bool withSegments)
    {
        var folder = Directory.CreateDirectory(Path.Combine(records.Directory, "collected-" + Guid.NewGuid().ToString("N"))).FullName;
        var merged = JsonNode.Parse(File.ReadAllText(records.Two))!;
        foreach (var generator in merged["generators"]!.AsArray())
        {
            var file = generator!["file"]!.GetValue<string>();
            generator["file"] = rename(file);
            if (withSegments)
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
        }

        File.WriteAllText(Path.Combine(folder, "merged.json"), merged.ToJsonString());
        return folder;
    }

    [Fact]
    public void Grade_StepsWithoutRecordsOrServerCost_ClaimsNotEvaluatedWithTheReason()
    {
        var e = Grade(("one", records.One), ("two", records.Two)).Experiments.Single();

        var split = e.Claims.Single(c => c.Id == "split");
        Assert.True(split.Verdict == Verdicts.Reproduced, split.Detail);
        var low = e.Claims.Single(c => c.Id == "low-clean");
        Assert.Equal(Verdicts.NotEvaluated, low.Verdict);
        Assert.Equal("not evaluated: no record for step low", low.Detail);
        var cost = e.Claims.Single(c => c.Id == "server-cost");
        Assert.Equal(Verdicts.NotEvaluated, cost.Verdict);
        Assert.Contains("one.cpuMsPerRequest was not measured", cost.Detail);
        Assert.Equal("not evaluated: no record for step low", e.Steps.Single(s => s.Name == "low").NotEvaluated);

        var peak = e.Expectations.Single(x => x.MeasuredExpr == "two.peakRps");
        Assert.Null(peak.Error);
        Assert.Equal(e.Steps.Single(s => s.Name == "two").Metrics["peakRps"] / e.Steps.Single(s => s.Name == "one").Metrics["peakRps"], peak.Ratio, 9);
        Assert.Contains("one.web.cpuMsPerRequest was not measured", e.Expectations.Single(x => x.MeasuredExpr == "one.rps").Error);
    }

    [Fact]
    public void Grade_OnlyOneStep_OtherClaimsNotEvaluated()
    {
        var e = Grade(("one", records.One)).Experiments.Single();

        Assert.Equal("not evaluated: no record for step two", e.Claims.Single(c => c.Id == "split").Detail);
        Assert.Equal("not evaluated: no record for step two", e.Expectations.Single(x => x.MeasuredExpr == "two.peakRps").Error);
    }

    [Fact]
    public void Grade_SameStepTwice_TwoRunsMedianKept()
    {
        var one = Grade(("one", records.One), ("one", records.One)).Experiments.Single().Steps.Single(s => s.Name == "one");

        Assert.Equal(2, one.RepeatRps.Count);
        Assert.Equal(2, one.RawFiles.Count);
        Assert.Equal(records.Measured.Steps.Single(s => s.Name == "one").Metrics["rps"], one.Metrics["rps"]);
    }

    [Fact]
    public void Grade_Reports_ServerCostNotMeasuredAndEachGenerator()
    {
        var suite = Grade(("one", records.One), ("two", records.Two));

        var markdown = MarkdownReportWriter.Render(suite);
        Assert.Contains("server cost: not measured", markdown);
        Assert.Contains("2 generators: 1/2 ", markdown);
        Assert.Contains("not evaluated: no record for step low", markdown);
        Assert.Contains("the roles' CPU (server cost) was not measured", markdown);
        Assert.Equal(RecordGrader.Targets, suite.Targets);
    }

    [Theory]
    [InlineData("e99", "one", "unknown experiment 'e99'")]
    [InlineData("x6", "three", "x6 has no step 'three'")]
    public void Grade_UnknownExperimentOrStep_InvalidData(string experiment, string step, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => RecordGrader.Grade(ExperimentLoader.LoadDirectory(records.Experiments), experiment, RunModes.Quick, [(step, records.One)], Out, TimeProvider.System));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Grade_NotARunRecord_InvalidData()
    {
        var e = Assert.Throws<InvalidDataException>(() => Grade(("one", Path.Combine(records.Experiments, "x6.json"))));
        Assert.Contains("cannot read the run record", e.Message);
        Assert.Contains("not a run record (schema 'none', expected 'testbed-load/run@1')", e.Message);
    }
}
