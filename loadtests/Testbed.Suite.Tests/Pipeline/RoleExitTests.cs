using System.Diagnostics;
using System.Text.Json;
using Testbed.Suite.Launch;
using Testbed.Suite.Results;
using Testbed.TestCommon;

namespace Testbed.Suite.Tests.Pipeline;

/// <summary>
/// A real testbed-server started by the suite is SIGKILLed while a step loads it: that step and
/// every claim on it are "not evaluated" with the role, the signal and the time, in the console
/// and all three reports; a later step on the dead role is not run; the other steps and the next
/// experiment go on and are graded.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class RoleExitTests : IDisposable
{
    private const string Dies = """
        {
          "id": "t4", "name": "role-dies", "title": "A role killed mid-step",
          "parameters": { "quick": {}, "full": {} },
          "roles": [
            { "name": "victim", "exe": "testbed-server", "args": ["web", "--mode", "single", "--urls", "{url}"] },
            { "name": "other", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"] }
          ],
          "steps": [
            { "name": "long", "role": "victim", "path": "/sleep?ms=100", "profile": "ab", "args": ["-n", "100", "-c", "1"], "estimateSeconds": "10" },
            { "name": "after", "role": "victim", "path": "/index", "profile": "ab", "args": ["-n", "5"] },
            { "name": "elsewhere", "role": "other", "path": "/index", "profile": "ab", "args": ["-n", "5"] }
          ],
          "claims": [
            { "id": "during", "text": "the killed step", "expr": "long.rps > 0" },
            { "id": "later", "text": "a later step on the dead role", "expr": "after.completed == 5" },
            { "id": "unaffected", "text": "a step on a live role", "expr": "elsewhere.completed == 5" }
          ]
        }
        """;

    private const string Next = """
        {
          "id": "t5", "name": "next", "title": "The next experiment",
          "parameters": { "quick": {}, "full": {} },
          "roles": [ { "name": "web5", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"] } ],
          "steps": [ { "name": "s", "role": "web5", "path": "/index", "profile": "ab", "args": ["-n", "5"] } ],
          "claims": [ { "id": "runs", "text": "it runs", "expr": "s.completed == 5" } ]
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("suite-exit-").FullName;

    [Fact]
    public async Task RunAsync_RoleKilledDuringStep_StepAndItsClaimsNotEvaluatedAndTheRestGoesOn()
    {
        var tiny = new TinySuite(_directory, ("t4-dies.json", Dies), ("t5-next.json", Next));
        var run = tiny.RunAsync();
        var victim = await KillVictimDuringLongStepAsync(run);
        var suite = await run;

        var dies = suite.Experiments.Single(e => e.Id == "t4");
        Assert.Equal(ExperimentStatuses.Ran, dies.Status);
        var killed = dies.Steps.Single(s => s.Name == "long");
        Assert.NotNull(killed.NotEvaluated);
        Assert.Matches(@"^not evaluated: victim exited \(signal 9, SIGKILL\) at t=\d+\.\d s into step long$", killed.NotEvaluated);
        Assert.Empty(killed.Metrics);
        var after = dies.Steps.Single(s => s.Name == "after");
        Assert.Contains("victim exited (signal 9, SIGKILL)", after.NotEvaluated);
        Assert.Empty(after.RawFiles); // never loaded: its role was dead
        Assert.Equal(Verdicts.NotEvaluated, dies.Claims.Single(c => c.Id == "during").Verdict);
        Assert.Equal(killed.NotEvaluated, dies.Claims.Single(c => c.Id == "during").Detail);
        Assert.Equal(Verdicts.NotEvaluated, dies.Claims.Single(c => c.Id == "later").Verdict);
        Assert.Equal(Verdicts.Reproduced, dies.Claims.Single(c => c.Id == "unaffected").Verdict);
        Assert.Equal(Verdicts.Reproduced, suite.Experiments.Single(e => e.Id == "t5").Claims.Single().Verdict);

        Assert.Contains("step long not evaluated: victim exited (signal 9, SIGKILL) at t=", tiny.Console);
        Assert.Contains("not evaluated: victim exited (signal 9, SIGKILL)", tiny.Report("report.md"));
        Assert.Contains("not evaluated: victim exited (signal 9, SIGKILL)", tiny.Report("report.html"));
        using var json = JsonDocument.Parse(tiny.Report("results.json"));
        Assert.Contains("victim exited", json.RootElement.GetProperty("experiments")[0].GetProperty("steps")[0].GetProperty("notEvaluated").GetString());
        Assert.False(ProcessTree.IsAlive(victim));
        Assert.Equal(0, ChildRegistry.Count);
    }

    /// <summary>Waits until testbed-load is loading the victim's /sleep, lets it run a second, then SIGKILLs the victim.</summary>
    private static async Task<int> KillVictimDuringLongStepAsync(Task run)
    {
        for (var i = 0; i < 1200 && !run.IsCompleted; i++)
        {
            var descendants = ProcessTree.WithDescendants(Environment.ProcessId);
            var loading = descendants.Any(p => CommandLine(p).Contains("/sleep?ms=100", StringComparison.Ordinal));
            var victim = descendants.FirstOrDefault(p => CommandLine(p) is var c && c.Contains("testbed-server", StringComparison.Ordinal) && c.Contains(" single ", StringComparison.Ordinal));
            if (loading && victim != 0)
            {
                await Task.Delay(1000);
                using var process = Process.GetProcessById(victim);
                process.Kill(); // SIGKILL
                return victim;
            }

            await Task.Delay(50);
        }

        Assert.Fail("the long step never started");
        return 0;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
