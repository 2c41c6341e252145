using System.Diagnostics;
using System.Runtime.InteropServices;
using Testbed.Suite.Launch;
using Testbed.Suite.Measurement;
using Testbed.Suite.Results;

namespace Testbed.Suite.Tests.Pipeline;

/// <summary>
/// Each limit set up for real and found through the suite's own path (roles started by the suite,
/// a child testbed-load per load, the roles' /stats read before and after, the classifier on the
/// kept run, the grade against expectLimit): a 1-slot server at c=10 (slots), a rate above what it
/// can do (rate), users thinking 1 s against a fast server (think-time), a 0.05-core cgroup quota
/// (cpu-quota, as root), a generator whose core a busy loop shares (generator, with 2+ cores).
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
    public async Task RunAsync_GeneratorCoreSharedWithABusyLoop_Generator()
    {
        // The suite pins the generator to the last core and the roles to the others; a busy loop on
        // the generator's core leaves it half a core while the async server idles on its own.
        const string experiment = """
            {
              "id": "l3", "name": "generator", "title": "A starved generator",
              "parameters": { "quick": {}, "full": {} },
              "roles": [ { "name": "fast", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"] } ],
              "steps": [ { "name": "gen", "expectLimit": "generator", "role": "fast", "path": "/index", "profile": "users", "args": ["--users", "4", "--duration", "3"], "estimateSeconds": "3" } ]
            }
            """;
        var last = CorePlan.UsableCores()[^1];
        using var busy = Process.Start(new ProcessStartInfo("taskset", ["-c", last.ToString(System.Globalization.CultureInfo.InvariantCulture), "sh", "-c", "while :; do :; done"]))!;
        try
        {
            var (result, console) = await RunAsync(experiment);

            AssertReproduced(result.Steps.Single(), LimitKinds.Generator, console);
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
        Assert.True(kind == step.Limit.Kind, $"step {step.Name}: expected {kind}, found {step.Limit.Kind}: {step.Limit.Evidence}\n{console}");
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
