using System.Text.Json;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;

namespace Testbed.Suite.Tests.Commands;

/// <summary>
/// <c>testbed-suite stats</c> before and after a load made elsewhere, and <c>grade --stats-before
/// --stats-after</c> costing the server from them: a real testbed-server web role (CPU-limited as
/// the suite limits it), real testbed-load and testbed-suite processes, as a swarm user runs them.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class GradeStatsTests : IAsyncLifetime
{
    private const string Experiment = """
        {
          "id": "x7", "name": "stats", "title": "Graded with the roles' stats",
          "parameters": { "quick": {}, "full": {} },
          "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"], "cpus": 0.2 } ],
          "steps": [ { "name": "one", "expectLimit": "cpu-quota", "role": "web", "path": "/index", "profile": "users", "args": ["--users", "20", "--duration", "3s"] } ],
          "claims": [ { "id": "server-cost", "text": "the server spends under 100 ms per request", "expr": "one.cpuMsPerRequest < 100" } ]
        }
        """;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _directory = Directory.CreateTempSubdirectory("suite-grade-stats-").FullName;
    private RoleProcess _server = null!;
    private int _port;

    private string Experiments => Path.Combine(_directory, "experiments");

    private string File(string name) => Path.Combine(_directory, name);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Experiments);
        await System.IO.File.WriteAllTextAsync(Path.Combine(Experiments, "x7.json"), Experiment);
        _port = PortAllocator.FreePort();
        var (fileName, prefix) = ExecutableLocator.Find(RoleExecutables.Server, null, out var searched)
            ?? throw new FileNotFoundException($"testbed-server not found (looked in {searched})");
        _server = await RoleProcess.StartAsync(
            new RoleLaunch
            {
                Name = "web",
                FileName = fileName,
                Arguments = [.. prefix, "web", "--mode", "async", "--urls", $"http://127.0.0.1:{_port}"],
                Http = true,
                BaseUrl = $"http://127.0.0.1:{_port}",
                Cpus = 0.2,
                ReadyTimeout = TimeSpan.FromSeconds(60),
            },
            Http,
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Grade_SnapshotsAroundARealLoad_ServerCpuThrottlingAndDescriptors()
    {
        var stats = $"web=http://127.0.0.1:{_port}/stats";
        var before = await ChildProcess.RunAsync(ExecutableLocator.Suite, "stats", stats, "--out", File("before.json"));
        var load = await ChildProcess.RunAsync(ExecutableLocator.Load, "users", "--users", "20", "--duration", "3s", "--json", File("run.json"), "--quiet", $"http://127.0.0.1:{_port}/index");
        var after = await ChildProcess.RunAsync(ExecutableLocator.Suite, "stats", stats, "--out", File("after.json"));
        Assert.True(before.Code == 0 && after.Code == 0, before.Stderr + after.Stderr);
        Assert.True(load.Code == 0, load.Stderr);
        Assert.Matches(@"web: cpuMs \d+", after.Stdout);

        var (code, stdout, stderr) = await ChildProcess.RunAsync(ExecutableLocator.Suite, "grade", "--experiments", Experiments, "--experiment", "x7",
            "--step", "one=" + File("run.json"), "--stats-before", "one=" + File("before.json"), "--stats-after", "one=" + File("after.json"), "--out", File("out"));

        Assert.True(code == 0, stderr);
        Assert.Matches(@"x7\s+server-cost\s+reproduced", stdout);
        var (step, warnings) = Step(File("out"));
        var metrics = step.GetProperty("metrics");
        var cpu = metrics.GetProperty("cpuMs").GetDouble();
        var completed = metrics.GetProperty("completed").GetDouble();
        Assert.True(cpu > 0 && completed > 0, $"cpu {cpu} ms over {completed} requests");
        Assert.Equal(cpu / completed, metrics.GetProperty("cpuMsPerRequest").GetDouble(), 9);
        Assert.Equal(cpu / completed, metrics.GetProperty("web.cpuMsPerRequest").GetDouble(), 9);
        var throttled = metrics.GetProperty("throttledMs").GetDouble();
        Assert.True(throttled >= 0, $"throttled {throttled} ms");
        if (_server.LimitMethod is CpuLimitMethods.CgroupV1 or CpuLimitMethods.CgroupV2)
        {
            // 20 users without think time against 0.2 core: the quota binds, and the role's own cgroup says so.
            Assert.True(throttled > 0, $"throttled {throttled} ms at 0.2 core under {completed} requests");
        }

        Assert.InRange(metrics.GetProperty("fdsBefore").GetDouble(), 10, 10_000);
        Assert.InRange(metrics.GetProperty("fdsAfter").GetDouble(), 10, 10_000);
        // The step's limit is found from the role's stats as a suite run finds it (not left unmeasured).
        Assert.NotEqual("unmeasured", step.GetProperty("limit").GetProperty("kind").GetString());
        Assert.DoesNotContain(warnings, w => w.Contains("not measured"));
    }

    [Fact]
    public async Task Grade_WithoutOrWithUnreadableSnapshots_ServerCostNotMeasured()
    {
        var load = await ChildProcess.RunAsync(ExecutableLocator.Load, "users", "--users", "4", "--duration", "1s", "--json", File("small.json"), "--quiet", $"http://127.0.0.1:{_port}/index");
        Assert.True(load.Code == 0, load.Stderr);
        // A role that is not there: the snapshot is written, with its error, and exits 1.
        var gone = await ChildProcess.RunAsync(ExecutableLocator.Suite, "stats", $"web=http://127.0.0.1:{PortAllocator.FreePort()}/stats", "--out", File("gone.json"));
        Assert.Equal(1, gone.Code);
        Assert.Contains("web: not read", gone.Stdout);
        await System.IO.File.WriteAllTextAsync(File("garbage.json"), "not json");

        foreach (var (name, extra) in new (string, string[])[]
        {
            ("none", []),
            ("missing", ["--stats-before", "one=" + File("nonexistent.json"), "--stats-after", "one=" + File("nonexistent.json")]),
            ("garbage", ["--stats-before", "one=" + File("garbage.json"), "--stats-after", "one=" + File("garbage.json")]),
            ("role-gone", ["--stats-before", "one=" + File("gone.json"), "--stats-after", "one=" + File("gone.json")]),
        })
        {
            var (code, stdout, stderr) = await ChildProcess.RunAsync(ExecutableLocator.Suite, ["grade", "--experiments", Experiments, "--experiment", "x7",
                "--step", "one=" + File("small.json"), .. extra, "--out", File("out-" + name)]);

            Assert.True(code == 0, name + ": " + stderr);
            Assert.Matches(@"x7\s+server-cost\s+not evaluated", stdout);
            var (step, warnings) = Step(File("out-" + name));
            foreach (var metric in new[] { "cpuMs", "cpuMsPerRequest", "throttledMs", "fdsBefore", "fdsAfter" })
            {
                Assert.True(step.GetProperty("metrics").GetProperty(metric).GetString() == "NaN", $"{name}: {metric}");
            }

            Assert.Contains(warnings, w => w.Contains("not measured"));
        }
    }

    [Theory]
    [InlineData("stats", "web", "--out", "OUT")]
    [InlineData("stats", "web=ftp://x/", "--out", "OUT")]
    [InlineData("stats", "web=http://127.0.0.1:1/stats")]
    [InlineData("grade", "--experiment", "x7", "--step", "one=RUN", "--stats-before", "one=OUT")]
    [InlineData("grade", "--experiment", "x7", "--step", "one=RUN", "--stats-after", "one=OUT")]
    [InlineData("grade", "--experiment", "x7", "--step", "one=RUN", "--stats-before", "two=OUT", "--stats-after", "two=OUT")]
    [InlineData("grade", "--experiment", "x7", "--step", "one=RUN", "--stats-before", "one", "--stats-after", "one=OUT")]
    public async Task StatsAndGrade_BadInput_ExitCode2AndOneLine(params string[] args)
    {
        var resolved = args.Select(a => a.Replace("OUT", File("x.json")).Replace("RUN", File("x.json"))).ToList();
        if (resolved[0] == "grade")
        {
            resolved.InsertRange(1, ["--experiments", Experiments]);
        }

        var (code, stdout, stderr) = await ChildProcess.RunAsync(ExecutableLocator.Suite, [.. resolved]);

        Assert.True(code == 2, stdout + stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("testbed-suite:", stderr);
    }

    private static (JsonElement Step, List<string> Warnings) Step(string output)
    {
        using var results = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(output, "results.json")));
        var experiment = results.RootElement.GetProperty("experiments")[0];
        return (experiment.GetProperty("steps")[0].Clone(), experiment.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList());
    }
}
