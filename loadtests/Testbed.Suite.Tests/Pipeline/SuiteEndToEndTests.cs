using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Loads;
using Testbed.Suite.Results;
using Testbed.Suite.Pipeline;
using Testbed.Suite.Tests.Launch;

namespace Testbed.Suite.Tests.Pipeline;

/// <summary>
/// The whole suite on tiny experiment files: the real testbed-server web (from the repository's
/// build output), every load a real child testbed-load, real reports.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class SuiteEndToEndTests : IDisposable
{
    private const string Tiny = """
        {
          "id": "t1", "name": "tiny-serial", "title": "A single server serializes",
          "explanation": "One slot: concurrency only lengthens the line.",
          "parameters": { "quick": { "ms": 200, "n1": 4, "n3": 9 }, "full": { "ms": 200, "n1": 4, "n3": 9 } },
          "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--mode", "single", "--urls", "{url}"], "compose": "web:1" } ],
          "verify": [ { "role": "web", "path": "/index", "contains": "hello world" } ],
          "steps": [
            { "name": "c1", "label": "c=1", "role": "web", "path": "/sleep?ms={ms}", "profile": "ab", "args": ["-n", "{n1}", "-c", "1"], "estimateSeconds": "1" },
            { "name": "c3", "label": "c=3", "role": "web", "path": "/sleep?ms={ms}", "profile": "ab", "args": ["-n", "{n3}", "-c", "3"], "estimateSeconds": "1" }
          ],
          "reported": [ { "label": "c=3 requests per second", "step": "c3", "metric": "rps", "value": 33, "unit": "req/s" } ],
          "claims": [
            { "id": "serial", "text": "throughput never exceeds one slot / service time", "expr": "c3.rps <= 1.1 * 1000 / param.ms and c1.errors + c3.errors == 0" },
            { "id": "parallel", "text": "three clients are served at once", "expr": "c3.rps >= 2.5 * 1000 / param.ms" }
          ],
          "expectations": [ { "text": "1 slot / service time", "expr": "1000 / param.ms", "measured": "c3.rps", "unit": "req/s" } ]
        }
        """;

    private const string MissingProxy = """
        {
          "id": "t2", "name": "no-proxy", "title": "Needs a proxy that is not there",
          "parameters": { "quick": {}, "full": {} },
          "roles": [ { "name": "lb", "exe": "testbed-proxy", "args": ["--urls", "{url}"] } ],
          "steps": [ { "name": "s", "role": "lb", "path": "/index", "profile": "ab", "args": ["-n", "1"] } ],
          "claims": [ { "id": "c", "text": "anything", "expr": "s.rps > 0" } ]
        }
        """;

    private const string WrongAnswer = """
        {
          "id": "t3", "name": "wrong-answer", "title": "Verification fails",
          "parameters": { "quick": {}, "full": {} },
          "roles": [ { "name": "web3", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"] } ],
          "verify": [ { "role": "web3", "path": "/index", "contains": "goodbye" } ],
          "steps": [ { "name": "s", "role": "web3", "path": "/index", "profile": "ab", "args": ["-n", "1"] } ],
          "claims": [ { "id": "c", "text": "anything", "expr": "s.rps > 0" } ]
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("suite-e2e-").FullName;

    [Fact]
    public async Task RunAsync_TinyExperiments_ReportsVerdictsFailuresAndLeavesNothingBehind()
    {
        Assert.True(ExecutableLocator.Find(RoleExecutables.Server, null, out var searched) is not null, $"build servers/Testbed.Servers first (looked in {searched})");
        var experiments = Directory.CreateDirectory(Path.Combine(_directory, "experiments")).FullName;
        File.WriteAllText(Path.Combine(experiments, "t1-tiny.json"), Tiny);
        File.WriteAllText(Path.Combine(experiments, "t2-missing.json"), MissingProxy);
        File.WriteAllText(Path.Combine(experiments, "t3-wrong.json"), WrongAnswer);
        var output = Path.Combine(_directory, "out");
        var console = new StringWriter();
        var options = new SuiteOptions { OutputDirectory = output, ExperimentsDirectory = experiments, ProxyExe = "/nonexistent/testbed-proxy" };

        var suite = await new SuiteRunner(options, LoadDriver(), console, TimeProvider.System).RunAsync(CancellationToken.None);

        var tiny = suite.Experiments.Single(e => e.Id == "t1");
        Assert.True(tiny.Status == ExperimentStatuses.Ran, tiny.FailureReason + "\n" + console);
        Assert.True(Verdicts.Reproduced == tiny.Claims.Single(c => c.Id == "serial").Verdict, console.ToString());
        Assert.Equal(Verdicts.NotReproduced, tiny.Claims.Single(c => c.Id == "parallel").Verdict);
        Assert.Contains("c3.rps = ", tiny.Claims[0].Detail);
        Assert.Equal(9, tiny.Steps.Single(s => s.Name == "c3").Metrics["completed"]);
        Assert.StartsWith("testbed-load ab -n 9 -c 3 ", tiny.Steps[1].CommandLine);
        Assert.All(tiny.Steps, s => Assert.True(File.Exists(Path.Combine(output, s.RawFiles.Single()))));
        Assert.All(tiny.Steps, s => Assert.True(s.Metrics["cpuMs"] > 0, "server CPU must be measured"));
        Assert.Equal(33, tiny.Figures.Single().Reported);
        Assert.NotNull(tiny.Figures.Single().Measured);

        var missing = suite.Experiments.Single(e => e.Id == "t2");
        Assert.Equal(ExperimentStatuses.Failed, missing.Status);
        Assert.Contains("testbed-proxy (role lb) not found", missing.FailureReason);
        Assert.Equal(Verdicts.NotEvaluated, missing.Claims.Single().Verdict);

        var wrong = suite.Experiments.Single(e => e.Id == "t3");
        Assert.Equal(ExperimentStatuses.Failed, wrong.Status);
        Assert.Contains("verification failed", wrong.FailureReason);
        Assert.Contains("goodbye", wrong.FailureReason);
        Assert.Empty(wrong.Steps);

        var markdown = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("**reproduced**", markdown);
        Assert.Contains("**not reproduced**", markdown);
        Assert.Contains("## Summary of claims", markdown);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(output, "report.html")));
        Assert.True(File.Exists(Path.Combine(output, "results.json")));
        Assert.Contains("Summary of claims", console.ToString());
        Assert.Contains("[t1 1/3]", console.ToString());

        Assert.Equal(0, ChildRegistry.Count);
        Assert.Empty(TestbedDescendants());
        Assert.Empty(RoleProcessTests.OurCgroups("web"));
        Assert.Empty(RoleProcessTests.OurCgroups("web3"));
    }

    [Fact]
    public async Task RunAsync_UnknownOnly_ThrowsBeforeStartingAnything()
    {
        var experiments = Directory.CreateDirectory(Path.Combine(_directory, "experiments")).FullName;
        File.WriteAllText(Path.Combine(experiments, "t2-missing.json"), MissingProxy);
        var options = new SuiteOptions { OutputDirectory = Path.Combine(_directory, "out"), ExperimentsDirectory = experiments, Only = new HashSet<string> { "e42" } };
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new SuiteRunner(options, LoadDriver(), TextWriter.Null, TimeProvider.System).RunAsync(CancellationToken.None));
        Assert.Contains("e42", e.Message);
    }

    /// <summary>The real testbed-load from the repository's build output (a build-order reference of this project).</summary>
    private static ProcessLoadDriver LoadDriver()
    {
        var driver = ProcessLoadDriver.Locate(null, out var searched);
        Assert.True(driver is not null, $"build loadtests/Testbed.Load first (looked in {searched})");
        return driver;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static List<int> TestbedDescendants() =>
        ProcessTree.WithDescendants(Environment.ProcessId).Skip(1)
            .Where(pid => File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").StartsWith("testbed", StringComparison.Ordinal))
            .ToList();
}
