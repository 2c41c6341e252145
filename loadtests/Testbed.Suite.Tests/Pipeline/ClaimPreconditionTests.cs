using Testbed.Suite.Experiments;
using Testbed.Suite.Results;
using Testbed.Suite.Pipeline;

namespace Testbed.Suite.Tests.Pipeline;

public sealed class ClaimPreconditionTests
{
    private const string File = """
        {
          "id": "t1", "name": "tiny", "title": "Tiny",
          "parameters": { "quick": { "n": 5 }, "full": { "n": 50 } },
          "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--urls", "{url}"] } ],
          "steps": [ { "name": "s1", "role": "web", "path": "/index", "profile": "ab", "args": ["-n", "{n}"] } ],
          "claims": [
            { "id": "cores", "text": "needs cores", "expr": "s1.rps > 100", "when": "machine.serverCores >= 2" },
            { "id": "plain", "text": "always graded", "expr": "s1.rps > 100" }
          ]
        }
        """;

    [Theory]
    [InlineData(1, "not evaluated")]
    [InlineData(2, "reproduced")]
    [InlineData(8, "reproduced")]
    public void Evaluate_WhenOnServerCores_GradesOnlyWhereTheSetUpMeetsIt(int serverCores, string expected)
    {
        var result = Evaluate(MachineFacts.Describe(serverCores), rps: 500);

        var claim = result.Claims.Single(c => c.Id == "cores");
        Assert.Equal(expected, claim.Verdict);
        Assert.Equal(Verdicts.Reproduced, result.Claims.Single(c => c.Id == "plain").Verdict);
        if (expected == Verdicts.NotEvaluated)
        {
            Assert.Contains("machine.serverCores >= 2", claim.Detail);
            Assert.Contains("machine.serverCores = 1", claim.Detail);
        }
    }

    [Fact]
    public void Evaluate_WhenMetButClaimFails_IsNotReproduced() =>
        Assert.Equal(Verdicts.NotReproduced, Evaluate(MachineFacts.Describe(4), rps: 50).Claims.Single(c => c.Id == "cores").Verdict);

    [Fact]
    public void Evaluate_NoMachineFacts_IsNotEvaluatedWithReason()
    {
        var claim = Evaluate(machine: null, rps: 500).Claims.Single(c => c.Id == "cores");
        Assert.Equal(Verdicts.NotEvaluated, claim.Verdict);
        Assert.Contains("machine.serverCores was not measured", claim.Detail);
    }

    [Theory]
    [InlineData("machine.serverCores >= 2", "s1.rps >= 2", "names no step")]
    [InlineData("machine.serverCores >= 2", "machine.ram >= 2", "unknown machine fact")]
    [InlineData("machine.serverCores >= 2", "machine.serverCores + 2", "must be a condition")]
    public void Parse_InvalidWhen_FailsWithReason(string find, string replace, string reason)
    {
        var e = Assert.ThrowsAny<Exception>(() => ExperimentLoader.Parse(File.Replace(find, replace)));
        Assert.Contains("when", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Parse_StepNamedMachine_IsRejectedAsReserved()
    {
        var e = Assert.ThrowsAny<Exception>(() => ExperimentLoader.Parse(File.Replace("\"name\": \"s1\"", "\"name\": \"machine\"").Replace("s1.", "machine.")));
        Assert.Contains("reserved", e.Message);
    }

    private static GradingOutcome Evaluate(IReadOnlyDictionary<string, double>? machine, double rps)
    {
        var plan = new ExperimentPlan(ExperimentLoader.Parse(File), RunModes.Quick);
        var table = new MetricTable(plan.Parameters, machine);
        table.Set("s1", new Dictionary<string, double> { ["rps"] = rps });
        return ClaimEvaluator.Evaluate(plan.File, [], null, table);
    }
}
