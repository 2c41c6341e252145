using Testbed.Suite.Results;

namespace Testbed.Suite.Tests.Pipeline;

/// <summary>
/// Run records as a cluster's collector leaves them, made for real: a suite run of <see cref="Experiment"/>
/// (real testbed-load processes against a real testbed-server on loopback) writes one users run from
/// one generator and one users run split over two generators and merged by testbed-load merge. The
/// grade tests then grade those records as if they came from elsewhere, beside the suite's own figures.
/// </summary>
public sealed class ClusterRecords : IAsyncLifetime
{
    public const string Experiment = """
        {
          "id": "x6", "name": "graded", "title": "Graded from records",
          "parameters": { "quick": { "users": 4, "g": 2 }, "full": { "users": 8, "g": 2 } },
          "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"] } ],
          "steps": [
            { "name": "one", "label": "1 generator, {users} users", "role": "web", "path": "/index", "profile": "users", "args": ["--users", "{users}", "--wait", "5-10", "--duration", "2s"] },
            { "name": "two", "label": "{g} generators, {users} users", "role": "web", "path": "/index", "profile": "users", "args": ["--users", "{users}", "--wait", "5-10", "--duration", "2s"], "generators": "{g}" },
            { "name": "low", "role": "web", "path": "/index", "profile": "ab", "args": ["-n", "20", "-c", "2"] }
          ],
          "claims": [
            { "id": "split", "text": "two generators shared the second load", "expr": "two.generators == param.g and one.generators == 1 and two.peakRps > 0 and one.completed > 0" },
            { "id": "low-clean", "text": "the small load has no errors", "expr": "low.errors == 0" },
            { "id": "server-cost", "text": "the server spends under 100 ms per request", "expr": "one.cpuMsPerRequest < 100" }
          ],
          "expectations": [
            { "text": "two generators: the peak of one", "expr": "one.peakRps", "measured": "two.peakRps", "unit": "req/s" },
            { "text": "the server's CPU per request", "expr": "1 / one.web.cpuMsPerRequest", "measured": "one.rps", "unit": "req/s" }
          ]
        }
        """;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("suite-grade-").FullName;

    /// <summary>The experiments folder holding <see cref="Experiment"/>.</summary>
    public string Experiments => Path.Combine(Directory, "experiments");

    /// <summary>The suite's own result of the run that made the records.</summary>
    internal ExperimentResult Measured { get; private set; } = null!;

    /// <summary>The single generator's record of step one.</summary>
    public string One => Path.Combine(_suite.Output, "raw", "x6-one.json");

    /// <summary>The merged record of step two (its segments' records lie beside it, as a collector leaves them).</summary>
    public string Two => Path.Combine(_suite.Output, "raw", "x6-two.json");

    private TinySuite _suite = null!;

    public async Task InitializeAsync()
    {
        _suite = new TinySuite(Directory, ("x6.json", Experiment));
        var suite = await _suite.RunAsync();
        Measured = suite.Experiments.Single();
        Assert.True(Measured.Status == ExperimentStatuses.Ran, Measured.FailureReason + "\n" + _suite.Console);
    }

    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }
}
