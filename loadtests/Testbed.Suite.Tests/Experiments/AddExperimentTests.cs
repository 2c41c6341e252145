using Testbed.Suite.Results;
using Testbed.Suite.Tests.Pipeline;

namespace Testbed.Suite.Tests.Experiments;

/// <summary>
/// docs/suite.md's "Add an experiment" holds the smallest useful experiment file. It is read from
/// the page (so the page cannot drift from what runs), written into a temporary folder, and run end
/// to end: a real testbed-server from the build output, a real testbed-load child, real reports.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class AddExperimentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("suite-add-").FullName;

    [Fact]
    public async Task RunAsync_ExampleFileOfTheDocs_RunsEndToEndAndReproducesItsClaim()
    {
        var (name, json) = ExampleOfTheDocs();
        var suite = new TinySuite(_directory, (name, json));

        var result = await suite.RunAsync();

        var experiment = Assert.Single(result.Experiments);
        Assert.True(experiment.Status == ExperimentStatuses.Ran, experiment.FailureReason + "\n" + suite.Console);
        var claim = Assert.Single(experiment.Claims);
        Assert.True(claim.Verdict == Verdicts.Reproduced, claim.Detail + "\n" + suite.Console);
        var step = Assert.Single(experiment.Steps);
        Assert.Equal(8, step.Metrics["completed"]);
        Assert.StartsWith("testbed-load ab -n 8 -c 2 ", step.CommandLine);
        Assert.True(File.Exists(Path.Combine(suite.Output, "raw", "x1-run.json")));
        Assert.Contains("One slot serves one request at a time", suite.Report("report.md"));
    }

    [Fact]
    public void ExampleOfTheDocs_QuickEstimate_IsAFewSeconds()
    {
        // The example is what a newcomer copies first: it must load and stay a few seconds' run.
        var file = Suite.Experiments.ExperimentLoader.Parse(ExampleOfTheDocs().Json);
        Assert.InRange(new Suite.Pipeline.ExperimentPlan(file, Suite.Experiments.RunModes.Quick).EstimateSeconds(), 1, 5);
    }

    /// <summary>The first json block under "## Add an experiment" in docs/suite.md, unindented, and the file name it asks for.</summary>
    private static (string Name, string Json) ExampleOfTheDocs()
    {
        var page = File.ReadAllLines(Path.Combine(SuiteTestData.Root, "docs", "suite.md"));
        var section = Array.IndexOf(page, "## Add an experiment");
        Assert.True(section >= 0, "docs/suite.md has no section '## Add an experiment'");
        var open = Array.FindIndex(page, section, l => l.Trim() == "```json");
        var close = Array.FindIndex(page, open + 1, l => l.Trim() == "```");
        Assert.True(open > section && close > open, "no ```json block in 'Add an experiment'");
        var indent = page[open].Length - page[open].TrimStart().Length;
        var json = string.Join("\n", page[(open + 1)..close].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
        var file = Suite.Experiments.ExperimentLoader.Parse(json);
        return ($"{file.Id}-{file.Name}.json", json);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
