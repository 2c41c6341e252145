using Testbed.Suite.Results;

namespace Testbed.Suite.Tests.Pipeline;

/// <summary>
/// A step with "profile": "capacity" through the whole suite: a real single-slot testbed-server
/// whose /sleep?ms=20 serves 50 req/s by construction, a real <c>testbed-load capacity</c> child,
/// and claims that read the search's answer.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class CapacityStepTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("suite-capacity-").FullName;

    private const string File1 = """
        {
          "id": "c1", "name": "capacity", "title": "Capacity of one slot",
          "explanation": "One slot of 20 ms: 50 req/s.",
          "parameters": { "quick": { "ms": 20 }, "full": { "ms": 20 } },
          "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--mode", "single", "--urls", "{url}"] } ],
          "steps": [ { "name": "run", "role": "web", "path": "/sleep?ms={ms}", "profile": "capacity",
                       "args": ["--slo", "p99<500ms", "--start", "20", "--probe", "2s", "--warm-up", "1s", "--resolution", "20%", "--max-duration", "40s"],
                       "estimateSeconds": "20" } ],
          "claims": [
            { "id": "near-50", "text": "capacity near one slot / service time", "expr": "run.capacity >= 35 and run.capacity <= 55" },
            { "id": "bracketed", "text": "a failing rate above the answer", "expr": "run.capacityHigh > run.capacity and run.capacityLow == run.capacity" }
          ],
          "expectations": [ { "text": "1 slot / service time", "expr": "1000 / param.ms", "measured": "run.capacity", "unit": "req/s" } ]
        }
        """;

    [Fact]
    public async Task RunAsync_CapacityStep_ClaimsReadTheSearchAnswer()
    {
        var suite = new TinySuite(_directory, ("c1-capacity.json", File1));

        var result = await suite.RunAsync();

        var experiment = Assert.Single(result.Experiments);
        Assert.True(experiment.Status == ExperimentStatuses.Ran, experiment.FailureReason + "\n" + suite.Console);
        var step = Assert.Single(experiment.Steps);
        Assert.StartsWith("testbed-load capacity --slo 'p99<500ms' --start 20 ", step.CommandLine);
        Assert.DoesNotContain("--segment", step.CommandLine);
        var record = RunRecordJson.Read(Path.Combine(suite.Output, "raw", "c1-run.json"));
        var capacity = Assert.IsType<CapacityDocument>(record.Capacity);
        Assert.Equal(capacity.Answer, step.Metrics["capacity"]);
        Assert.Equal(capacity.Bracket.High, step.Metrics["capacityHigh"]);
        Assert.Equal(capacity.Probes.Count, step.Metrics["capacityProbes"]);
        Assert.Equal(capacity.Answer, step.Capacity?.Answer);
        // The answer in words in the report and on the console, as testbed-load says it.
        Assert.Contains($"capacity {capacity.Answer}–{capacity.Bracket.High} req/s at p99&lt;500ms ({capacity.Probes.Count} probes", suite.Report("report.md"));
        Assert.Contains($"capacity {capacity.Answer}–{capacity.Bracket.High} req/s at p99<500ms", suite.Console);
        // The server's CPU spans the whole search, so it is per request of the whole search (warm-ups included).
        Assert.True(capacity.SearchCompleted > record.Counts.Completed, $"{capacity.SearchCompleted} vs {record.Counts.Completed}");
        Assert.Equal(step.Metrics["cpuMs"] / capacity.SearchCompleted!.Value, step.Metrics["cpuMsPerRequest"], 9);
        Assert.All(experiment.Claims, c => Assert.True(c.Verdict == Verdicts.Reproduced, $"{c.Id}: {c.Detail}\n{suite.Console}"));
    }

    [Fact]
    public async Task RunAsync_StepWithoutCapacity_CapacityMetricsNotEvaluated()
    {
        var json = File1.Replace("\"profile\": \"capacity\"", "\"profile\": \"ab\"")
            .Replace("[\"--slo\", \"p99<500ms\", \"--start\", \"20\", \"--probe\", \"2s\", \"--warm-up\", \"1s\", \"--resolution\", \"20%\", \"--max-duration\", \"40s\"]", "[\"-n\", \"5\"]");
        var suite = new TinySuite(_directory, ("c1-capacity.json", json));

        var result = await suite.RunAsync();

        var experiment = Assert.Single(result.Experiments);
        Assert.True(double.IsNaN(Assert.Single(experiment.Steps).Metrics["capacity"]));
        Assert.All(experiment.Claims, c => Assert.NotEqual(Verdicts.Reproduced, c.Verdict));
    }

    [Fact]
    public async Task RunAsync_FullOnlyStepInAQuickRun_NotRunAndItsClaimNotEvaluated()
    {
        var json = File1.Replace("\"profile\": \"capacity\",", "\"profile\": \"capacity\", \"fullOnly\": true,")
            .Replace("\"steps\": [ ", "\"steps\": [ { \"name\": \"quick\", \"role\": \"web\", \"path\": \"/sleep?ms={ms}\", \"profile\": \"ab\", \"args\": [\"-n\", \"5\"] }, ")
            .Replace("\"claims\": [", "\"claims\": [ { \"id\": \"quick-ran\", \"text\": \"the quick step ran\", \"expr\": \"quick.completed == 5\" },");
        var suite = new TinySuite(_directory, ("c1-capacity.json", json));

        var result = await suite.RunAsync();

        var experiment = Assert.Single(result.Experiments);
        Assert.True(experiment.Status == ExperimentStatuses.Ran, experiment.FailureReason + "\n" + suite.Console);
        var run = experiment.Steps.Single(s => s.Name == "run");
        Assert.Contains("--full", run.NotEvaluated);
        Assert.False(File.Exists(Path.Combine(suite.Output, "raw", "c1-run.json")));
        Assert.Equal(Verdicts.Reproduced, experiment.Claims.Single(c => c.Id == "quick-ran").Verdict);
        Assert.All(experiment.Claims.Where(c => c.Id != "quick-ran"), c => Assert.Equal(Verdicts.NotEvaluated, c.Verdict));
        Assert.Contains("--full", Assert.Single(experiment.Expectations).Error);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
