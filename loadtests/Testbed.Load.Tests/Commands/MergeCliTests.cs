using System.Text.Json;
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
        using var doc = JsonDocument.Parse(File.ReadAllText(merged));
        var root = doc.RootElement;
        Assert.Equal(35, root.GetProperty("counts").GetProperty("completed").GetInt64());
        Assert.Equal(35, root.GetProperty("latency").GetProperty("total").GetProperty("count").GetInt64());
        Assert.Equal("1/1", root.GetProperty("parameters").GetProperty("segment").GetString());
        var generators = root.GetProperty("generators").EnumerateArray().ToList();
        Assert.Equal(["1/2", "2/2"], generators.Select(g => g.GetProperty("segment").GetString()));
        Assert.Equal(jsons, generators.Select(g => g.GetProperty("file").GetString()));
        Assert.All(generators, g => Assert.True(g.GetProperty("loadCpuSeconds").GetDouble() > 0));
        Assert.Equal(35, root.GetProperty("timeSeries").EnumerateArray().Sum(p => p.GetProperty("completed").GetInt64()));
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
