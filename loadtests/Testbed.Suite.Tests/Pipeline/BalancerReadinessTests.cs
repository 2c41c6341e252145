using Testbed.Suite.Launch;
using Testbed.Suite.Results;
using Testbed.Suite.Pipeline;
using Testbed.TestCommon;

namespace Testbed.Suite.Tests.Pipeline;

/// <summary>
/// "Ready means ready" with a real testbed-proxy: the suite verifies and loads a balancer only once
/// its /proxy/stats shows every backend healthy, and fails the experiment with that reason when a
/// backend never becomes healthy within the role's ready timeout.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class BalancerReadinessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("suite-lb-").FullName;

    [Fact]
    public async Task RunAsync_BalancerWithLiveBackend_WaitsForHealthyThenRuns()
    {
        const string Live = """
            {
              "id": "t6", "name": "lb-live", "title": "A balancer over a live, CPU-limited backend",
              "parameters": { "quick": {}, "full": {} },
              "roles": [
                { "name": "backend", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"], "cpus": 0.1 },
                { "name": "lb", "exe": "testbed-proxy", "args": ["--backend", "{url:backend}", "--urls", "{url}"] }
              ],
              "verify": [ { "role": "lb", "path": "/index", "contains": "hello world" } ],
              "steps": [ { "name": "s", "role": "lb", "path": "/index", "profile": "ab", "args": ["-n", "5"] } ],
              "claims": [ { "id": "all-ok", "text": "no request fails", "expr": "s.completed == 5 and s.errors == 0" } ]
            }
            """;
        var (suite, console) = await RunAsync(Live);

        var e = suite.Experiments.Single();
        Assert.True(e.Status == ExperimentStatuses.Ran, e.FailureReason + "\n" + console);
        Assert.Matches(@"lb: every backend healthy after \d+\.\d s", console);
        Assert.Equal(Verdicts.Reproduced, e.Claims.Single().Verdict);
    }

    [Fact]
    public async Task RunAsync_BackendNeverHealthy_FailsWithinTheBoundWithTheReason()
    {
        // Nothing listens on a port just freed: every probe is refused.
        var dead = PortAllocator.FreePort();
        var file = $$"""
            {
              "id": "t7", "name": "lb-dead", "title": "A balancer whose backend never answers",
              "parameters": { "quick": {}, "full": {} },
              "roles": [ { "name": "lb", "exe": "testbed-proxy", "args": ["--backend", "http://127.0.0.1:{{dead}}", "--urls", "{url}"], "readyTimeoutSeconds": 3 } ],
              "steps": [ { "name": "s", "role": "lb", "path": "/index", "profile": "ab", "args": ["-n", "5"] } ],
              "claims": [ { "id": "c", "text": "anything", "expr": "s.rps > 0" } ]
            }
            """;
        var (suite, console) = await RunAsync(file);

        var e = suite.Experiments.Single();
        Assert.Equal(ExperimentStatuses.Failed, e.Status);
        Assert.StartsWith("lb: not every backend healthy after 3 s (GET /proxy/stats: ", e.FailureReason);
        Assert.Contains("\"health\":\"unhealthy\"", e.FailureReason);
        Assert.Empty(e.Steps);
        Assert.Equal(Verdicts.NotEvaluated, e.Claims.Single().Verdict);
        Assert.True(e.DurationSeconds < 30, console);
    }

    [Theory]
    [InlineData("""{"destinations":[{"health":"healthy"},{"health":"healthy"}]}""", true)]
    [InlineData("""{"destinations":[{"health":"healthy"},{"health":"unknown"}]}""", false)]
    [InlineData("""{"destinations":[{"health":"unhealthy"}]}""", false)]
    [InlineData("""{"destinations":[]}""", false)]
    public void EveryBackendHealthy_Stats_OnlyWhenEachIsHealthy(string json, bool expected) =>
        Assert.Equal(expected, BalancerReadiness.EveryBackendHealthy(json));

    private async Task<(SuiteResult Suite, string Console)> RunAsync(string experiment)
    {
        var tiny = new TinySuite(_directory, ("t.json", experiment));
        var suite = await tiny.RunAsync();
        Assert.Equal(0, ChildRegistry.Count);
        return (suite, tiny.Console);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
