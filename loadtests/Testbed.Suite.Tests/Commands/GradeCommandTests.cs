using System.Text.Json;
using Testbed.Suite.Launch;
using Testbed.Suite.Tests.Pipeline;

namespace Testbed.Suite.Tests.Commands;

/// <summary><c>testbed-suite grade</c> as a real process on real run records (<see cref="ClusterRecords"/>).</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class GradeCommandTests(ClusterRecords records) : IClassFixture<ClusterRecords>
{
    [Fact]
    public async Task Grade_RecordsOfTwoSteps_Exit0ReportsAndSummary()
    {
        var output = Path.Combine(records.Directory, "cli-out");

        var (code, stdout, stderr) = await ChildProcess.RunAsync(ExecutableLocator.Suite, "grade", "--experiments", records.Experiments,
            "--experiment", "x6", "--step", "one=" + records.One, "--step", "two=" + records.Two, "--out", output);

        Assert.True(code == 0, stderr);
        Assert.Contains("Summary of claims", stdout);
        Assert.Matches(@"x6\s+split\s+reproduced", stdout);
        Assert.Matches(@"x6\s+low-clean\s+not evaluated\s+not evaluated: no record for step low", stdout);
        Assert.Contains("1 of 3 claims reproduced, 0 not reproduced, 2 not evaluated", stdout);
        Assert.True(File.Exists(Path.Combine(output, "report.md")) && File.Exists(Path.Combine(output, "report.html")));
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var steps = results.RootElement.GetProperty("experiments")[0].GetProperty("steps").EnumerateArray().ToList();
        var one = steps.Single(s => s.GetProperty("name").GetString() == "one").GetProperty("metrics");
        Assert.Equal("NaN", one.GetProperty("cpuMs").GetString());
        Assert.True(one.GetProperty("generatorCpuMs").GetDouble() > 0);
        Assert.Equal("records", results.RootElement.GetProperty("targets").GetString());
    }

    [Theory]
    [InlineData("--experiment", "e99", "--step", "one=ONE")]
    [InlineData("--experiment", "x6", "--step", "three=ONE")]
    [InlineData("--experiment", "x6", "--step", "one=/nonexistent/merged.json")]
    [InlineData("--experiment", "x6", "--step", "one=EXPERIMENT")]
    [InlineData("--experiment", "x6", "--step", "one")]
    [InlineData("--experiment", "x6", "--step", "one=ONE", "--mode", "fast")]
    [InlineData("--experiment", "x6")]
    public async Task Grade_BadInput_ExitCode2AndOneLine(params string[] args)
    {
        var resolved = args.Select(a => a.Replace("ONE", records.One).Replace("EXPERIMENT", Path.Combine(records.Experiments, "x6.json"))).ToArray();

        var (code, stdout, stderr) = await ChildProcess.RunAsync(ExecutableLocator.Suite, ["grade", "--experiments", records.Experiments, .. resolved]);

        Assert.True(code == 2, stdout + stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("testbed-suite:", stderr);
    }
}
