using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Testbed.Load.Tests.TestServers;
using Testbed.Suite.Launch;
using Testbed.Suite.Loads;
using Testbed.Suite.Measurement;
using Testbed.Suite.Results;

namespace Testbed.Suite.Tests.Pipeline;

/// <summary>
/// Each limit set up for real and found through the suite's own path (roles started by the suite,
/// a child testbed-load per load, the roles' /stats read before and after, the classifier on the
/// kept run, the grade against expectLimit): a 1-slot server at c=10 (slots), a rate above what it
/// can do (rate), users thinking 1 s against a fast server (think-time), a 0.05-core cgroup quota
/// (cpu-quota, as root); and a generator whose core a busy loop shares, against nginx (generator,
/// with 2+ cores: the load through the suite's driver, its record through the suite's classifier).
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class LimitFindingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("suite-limits-").FullName;

    [Fact]
    public async Task RunAsync_OneSlotServerAtC10RateAboveItAndThinkingUsers_SlotsRateAndThinkTime()
    {
        const string experiment = """
            {
              "id": "l1", "name": "limits", "title": "Three limits",
              "parameters": { "quick": {}, "full": {} },
              "roles": [
                { "name": "one", "exe": "testbed-server", "args": ["web", "--mode", "single", "--urls", "{url}"] },
                { "name": "fast", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"] }
              ],
              "steps": [
                { "name": "slots", "expectLimit": "slots", "role": "one", "path": "/sleep?ms=200", "profile": "ab", "args": ["-n", "15", "-c", "10", "-s", "30"], "estimateSeconds": "3" },
                { "name": "rate", "expectLimit": "rate", "role": "one", "path": "/sleep?ms=200", "profile": "rate", "args": ["-R", "15", "-d", "2", "-s", "30"], "estimateSeconds": "6" },
                { "name": "think", "expectLimit": "think-time", "role": "fast", "path": "/index", "profile": "users", "args": ["--users", "5", "--spawn-rate", "100", "--wait", "1000-1000", "--duration", "4"], "estimateSeconds": "4" }
              ]
            }
            """;

        var (result, console) = await RunAsync(experiment);

        var steps = result.Steps.ToDictionary(s => s.Name);
        AssertReproduced(steps["slots"], LimitKinds.Slots, console);
        Assert.Equal(1, steps["slots"].Limit!.Figures["slots"]);
        Assert.True(steps["slots"].Limit!.Figures["avgQueued"] > 1, console);
        AssertReproduced(steps["rate"], LimitKinds.Rate, console);
        Assert.Contains("intended 15 req/s", steps["rate"].Limit!.Evidence);
        AssertReproduced(steps["think"], LimitKinds.ThinkTime, console);
        Assert.InRange(steps["think"].Limit!.Figures["thinkMs"], 990, 1010);
        Assert.Contains("limit: slots — one: ", console);
    }

    [RootFact]
    public async Task RunAsync_QuotaOfFiveHundredthsOfACore_CpuQuotaWithThrottledPeriods()
    {
        const string experiment = """
            {
              "id": "l2", "name": "quota", "title": "A 0.05-core quota",
              "parameters": { "quick": {}, "full": {} },
              "roles": [ { "name": "small", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"], "cpus": 0.05 } ],
              "steps": [ { "name": "quota", "expectLimit": "cpu-quota", "role": "small", "path": "/index", "profile": "ab", "args": ["-n", "300", "-c", "10", "-s", "30"], "warmup": ["-n", "50", "-c", "2"], "estimateSeconds": "5" } ]
            }
            """;

        var (result, console) = await RunAsync(experiment);

        var step = result.Steps.Single();
        AssertReproduced(step, LimitKinds.CpuQuota, console);
        Assert.True(step.Limit!.Figures["throttledPeriods"] > 0, console);
        Assert.Equal(0.05, step.Limit.Figures["coreCap"]);
    }

    [TwoCoresFact]
    public async Task Classify_GeneratorPinnedToACoreABusyLoopSharesAgainstNginx_Generator()
    {
        // nginx (one worker) on core 0; the generator pinned, as the suite pins it, to the last
        // core, which a busy loop shares: it gets half a core while nginx idles. nginx is no role
        // of the suite, so the load goes through the suite's load driver and its record through the
        // suite's classifier, with no role figures: the generator's own are what is left.
        Assert.True(NginxServer.IsInstalled, $"this test needs nginx at {NginxServer.Binary} (Debian: nginx-light)");
        using var nginx = await NginxServer.StartAsync(core: 0);
        var last = CorePlan.UsableCores()[^1].ToString(CultureInfo.InvariantCulture);
        using var busy = Process.Start(new ProcessStartInfo("taskset", ["-c", last, "sh", "-c", "while :; do :; done"]))!;
        try
        {
            var driver = ProcessLoadDriver.Locate(null, out var searched);
            Assert.True(driver is not null, $"build loadtests/Testbed.Load first (looked in {searched})");
            var json = Path.Combine(_directory, "gen.json");
            var outcome = await driver.RunAsync(new LoadInvocation("users", ["--users", "4", "--duration", "3"], nginx.Url("/"), json, TimeSpan.FromSeconds(60)) { Cores = last }, CancellationToken.None);
            Assert.True(outcome.ExitCode == 0, outcome.StandardError);
            var run = RunRecordJson.Parse(File.ReadAllText(json));
            var load = new MeasuredLoad(run, [], StepMetrics.Compute(run, [], "nginx"), "", [], [], []);

            var limit = LimitClassifier.Grade(LimitClassifier.Classify(LimitInputs.From(load, "nginx", _ => null, 1)), LimitKinds.Generator);

            Assert.True(limit.Verdict == Verdicts.Reproduced, $"{limit.Kind}: {limit.Evidence} ({limit.VerdictReason})\n" + string.Join(", ", limit.Figures.Select(f => $"{f.Key}={f.Value}")));
            Assert.True(limit.Figures["generatorDemand"] > limit.Figures["generatorShare"], "a starved generator waits for its core");
        }
        finally
        {
            busy.Kill(entireProcessTree: true);
            await busy.WaitForExitAsync();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void AssertReproduced(StepResult step, string kind, string console)
    {
        Assert.True(step.Limit is not null, $"step {step.Name} has no limit\n{console}");
        Assert.True(kind == step.Limit.Kind, $"step {step.Name}: expected {kind}, found {step.Limit.Kind}: {step.Limit.Evidence}\n"
            + string.Join(", ", step.Limit.Figures.Select(f => $"{f.Key}={f.Value}")) + $"\n{console}");
        Assert.True(step.Limit.Verdict == Verdicts.Reproduced, $"step {step.Name}: {step.Limit.Verdict} ({step.Limit.VerdictReason})\n{console}");
    }

    private async Task<(ExperimentResult Result, string Console)> RunAsync(string experiment)
    {
        var suite = new TinySuite(_directory, ("l.json", experiment));
        var result = await suite.RunAsync();
        var ran = result.Experiments.Single();
        Assert.True(ran.Status == ExperimentStatuses.Ran, ran.FailureReason + "\n" + suite.Console);
        return (ran, suite.Console);
    }

    /// <summary>A fact that needs root: the suite's 0.05-core quota is a cgroup, which only root may create.</summary>
    private sealed class RootFactAttribute : FactAttribute
    {
        public RootFactAttribute()
        {
            if (!OperatingSystem.IsLinux() || geteuid() != 0)
            {
                Skip = "needs root: the suite applies a 0.05-core quota as a cgroup (cpu.max) only as root; as another user it falls back to cpulimit, which reports no throttled periods";
            }
        }

        [DllImport("libc")]
        private static extern uint geteuid();
    }

    /// <summary>A fact that needs two cores: the suite pins the generator apart from the roles only then.</summary>
    private sealed class TwoCoresFactAttribute : FactAttribute
    {
        public TwoCoresFactAttribute()
        {
            if (CorePlan.UsableCores().Count < 2)
            {
                Skip = "needs 2+ usable cores: with one the suite does not pin the generator apart from the roles";
            }
        }
    }
}
