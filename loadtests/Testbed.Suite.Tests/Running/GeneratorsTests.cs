using Testbed.Suite.Launch;
using Testbed.Suite.Results;
using Testbed.Suite.Running;

namespace Testbed.Suite.Tests.Running;

/// <summary>
/// Steps whose load is split over several generators: real testbed-load processes (one per
/// segment, at once) against a real testbed-server on loopback, merged by testbed-load merge.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class GeneratorsTests : IDisposable
{
    // 301 requests over 2 generators (151 + 150) and 3 threads × 7 loops over 3: shares that only
    // add up when every segment is exact.
    private const string Split = """
        {
          "id": "g1", "name": "split", "title": "One load, several generators",
          "parameters": { "quick": { "n": 301, "g": 2 }, "full": { "n": 301, "g": 2 } },
          "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"] } ],
          "steps": [
            { "name": "ab2", "role": "web", "path": "/index", "profile": "ab", "args": ["-n", "{n}", "-c", "3"], "generators": "{g}" },
            { "name": "threads3", "role": "web", "path": "/index", "profile": "threads", "args": ["--threads", "3", "--loops", "7"], "generators": 3 },
            { "name": "single", "role": "web", "path": "/index", "profile": "ab", "args": ["-n", "20", "-c", "2"] }
          ],
          "claims": [
            { "id": "whole", "text": "the merged records hold every request", "expr": "ab2.completed == param.n and threads3.completed == 21 and ab2.generators == 2 and threads3.generators == 3 and single.generators == 1" },
            { "id": "costed", "text": "every generator's CPU is known", "expr": "ab2.generatorCpuMs > 0 and threads3.generatorCpuMsPerRequest > 0 and ab2.generatorMaxCores > 0 and single.generatorCpuMs > 0" }
          ]
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("suite-generators-").FullName;

    [Fact]
    public async Task RunAsync_StepsSplitOverGenerators_SharesAddUpAndMergedRecordNamesEachGenerator()
    {
        var tiny = new TinySuite(_directory, ("g1.json", Split));

        var suite = await tiny.RunAsync();

        var e = suite.Experiments.Single();
        Assert.True(e.Status == ExperimentStatuses.Ran, e.FailureReason + "\n" + tiny.Console);
        Assert.All(e.Claims, c => Assert.True(c.Verdict == Verdicts.Reproduced, c.Id + ": " + c.Detail));
        var ab2 = e.Steps.Single(s => s.Name == "ab2");
        Assert.Equal(["raw/g1-ab2.json", "raw/g1-ab2-g1of2.json", "raw/g1-ab2-g2of2.json"], ab2.RawFiles);
        var shares = ab2.RawFiles.Skip(1).Select(f => Completed(tiny, f)).ToList();
        Assert.Equal([151L, 150L], shares);

        Assert.Equal(301, Completed(tiny, "raw/g1-ab2.json"));
        var generators = Read(tiny, "raw/g1-ab2.json").Generators!;
        Assert.Equal(["1/2", "2/2"], generators.Select(g => g.Segment));
        Assert.All(generators, g => Assert.True(g.CpuSeconds > 0 && g.LoadCpuSeconds > 0));
        Assert.Equal(2, generators.Select(g => g.Pid).Distinct().Count());

        Assert.Equal([151L, 150L], ab2.Generators.Select(g => g.Completed));
        Assert.All(ab2.Generators, g => Assert.True(g.CpuMs > 0 && g.CpuMsPerRequest > 0 && g.Cores > 0, $"{g.Segment}: {g.CpuMs} ms, {g.Cores} cores"));
        // The CPU while the load ran, not the process's start-up: less than its whole life's.
        Assert.All(ab2.Generators, g => Assert.True(g.CpuMs < g.ProcessCpuMs, $"{g.Segment}: {g.CpuMs} ms in the load, {g.ProcessCpuMs} ms in all"));
        var threads = e.Steps.Single(s => s.Name == "threads3");
        Assert.Equal([7L, 7L, 7L], threads.Generators.Select(g => g.Completed));
        Assert.Equal(21, threads.Metrics["completed"]);
        Assert.Single(e.Steps.Single(s => s.Name == "single").Generators);

        Assert.Contains(" & wait; testbed-load merge ", ab2.CommandLine);
        Assert.Contains("--segment 2/2", ab2.CommandLine);
        var markdown = tiny.Report("report.md");
        Assert.Contains("2 generators: 1/2 ", markdown);
        Assert.Contains("3 generators: 1/3 ", markdown);
        Assert.Contains(" ms with start-up), ", markdown);
        Assert.Contains(" of a core", markdown);
        Assert.Equal(0, ChildRegistry.Count);
    }

    [Fact]
    public async Task RunAsync_GeneratorsOverride_SplitsEveryStep()
    {
        var tiny = new TinySuite(_directory, ("g1.json", Split));
        tiny.Options = tiny.Options with { Generators = 2 };

        var suite = await tiny.RunAsync();

        var e = suite.Experiments.Single();
        Assert.True(e.Status == ExperimentStatuses.Ran, e.FailureReason);
        Assert.All(e.Steps, s => Assert.Equal(2, s.Metrics["generators"]));
        Assert.Equal([10L, 10L], e.Steps.Single(s => s.Name == "single").Generators.Select(g => g.Completed));
        Assert.Equal(21, e.Steps.Single(s => s.Name == "threads3").Metrics["completed"]);
    }

    private static RunRecordDocument Read(TinySuite tiny, string raw) => RunRecordJson.Read(Path.Combine(tiny.Output, raw));

    private static long Completed(TinySuite tiny, string raw) => Read(tiny, raw).Counts.Completed;

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
