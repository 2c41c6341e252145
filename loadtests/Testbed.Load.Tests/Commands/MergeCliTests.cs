using Testbed.Load.Tests.TestServers;

namespace Testbed.Load.Tests.Commands;

/// <summary>The real executable: two generators run their segments at once, then <c>merge</c> joins their records.</summary>
public sealed class MergeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("testbed-merge-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Merge_TwoThreadsSegmentsRunAtOnce_OneRecordWithTheWholePlansRequests()
    {
        await using var server = new LoopbackHttpServer();
        string[] jsons = [Path.Combine(_dir, "g1.json"), Path.Combine(_dir, "g2.json")];
        var runs = jsons.Select((json, i) => CliTests.RunAsync("threads", "--threads", "5", "--loops", "7", "--segment", $"{i + 1}/2",
            "--json", json, "-q", server.Url("/served/a,b"))).ToList();
        foreach (var (code, _, stderr) in await Task.WhenAll(runs)) Assert.True(code == 0, stderr);

        string merged = Path.Combine(_dir, "merged.json");
        var (mergeCode, stdout, mergeErr) = await CliTests.RunAsync("merge", jsons[0], jsons[1], "--out", merged);
        Assert.True(mergeCode == 0, mergeErr);
        Assert.Equal("", stdout);
        Assert.Contains("merged 2 records (2 generators): 35 completed", mergeErr);
        var root = RunRecordJson.Read(merged);
        Assert.Equal(35, root.Counts.Completed);
        Assert.Equal(35, root.Latency.Total.Count);
        Assert.Equal("1/1", root.Parameters.Single(p => p.Key == "segment").Value);
        var generators = root.Generators!;
        Assert.Equal(["1/2", "2/2"], generators.Select(g => g.Segment));
        Assert.Equal(jsons, generators.Select(g => g.File));
        Assert.All(generators, g => Assert.True(g.LoadCpuSeconds > 0));
        Assert.Equal(35, root.TimeSeries.Sum(p => p.Completed));
    }

    [Fact]
    public async Task Merge_BadInput_ExitCode2AndOneLineNamingTheProblem()
    {
        string notRecord = Path.Combine(_dir, "x.json");
        File.WriteAllText(notRecord, "{\"hello\": 1}");
        foreach (var (args, expected) in new (string[], string)[]
        {
            ([Path.Combine(_dir, "missing.json")], "no such file"),
            ([notRecord], "not a run record"),
            ([], "Required argument missing"),
        })
        {
            var (code, _, stderr) = await CliTests.RunAsync(["merge", .. args]);
            Assert.Equal(2, code);
            Assert.Single(stderr.Trim().Split('\n'));
            Assert.Contains(expected, stderr);
        }
    }
}
