using Testbed.Suite.Experiments;
using Testbed.Suite.Pipeline;

namespace Testbed.Suite.Tests.Experiments;

public sealed class ExperimentLoaderTests
{
    private const string Minimal = """
        {
          "id": "t1", "name": "tiny", "title": "Tiny",
          "parameters": { "quick": { "n": 5 }, "full": { "n": 50 } },
          "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--urls", "{url}"] } ],
          "steps": [ { "name": "s1", "role": "web", "path": "/index", "profile": "ab", "args": ["-n", "{n}"] } ],
          "claims": [ { "id": "c", "text": "fast", "expr": "s1.rps > param.n" } ]
        }
        """;

    [Fact]
    public void LoadDirectory_RepositoryExperiments_LoadsEveryFileInFileNameOrder()
    {
        // Whatever scripts/experiments/ holds: a file added there is loaded and checked here with no
        // change to this test (docs/suite.md, "Add an experiment").
        var files = Directory.GetFiles(SuiteTestData.ExperimentsDirectory, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);

        var experiments = ExperimentLoader.LoadDirectory(SuiteTestData.ExperimentsDirectory);

        Assert.Equal(files.Count, experiments.Count);
        Assert.All(files.Zip(experiments), pair =>
        {
            var (path, e) = pair;
            Assert.Equal($"{e.Id}-{e.Name}.json", Path.GetFileName(path));
            Assert.NotEmpty(e.Claims);
            Assert.NotEmpty(e.Explanation);
            Assert.All(e.Roles, r => Assert.NotNull(r.Compose));
        });
    }

    [Fact]
    public void EstimateSeconds_AllQuickExperiments_FitInTenMinutes()
    {
        // The quick suite's time budget, as README and docs/suite.md state it. Eight minutes first; nine
        // when E4, E5 and E9 got 3 interleaved rounds; ten since E5 has 5 (its 1000-request runs cost a
        // server about 100 ms of CPU, the size of the noise, and three rounds did not outvote it).
        // Experiments marked "quickSuite": false are left out of the whole quick suite (E10's two capacity searches).
        var total = ExperimentLoader.LoadDirectory(SuiteTestData.ExperimentsDirectory).Where(e => e.QuickSuite).Sum(e => new ExperimentPlan(e, RunModes.Quick).EstimateSeconds());
        Assert.InRange(total, 60, 10 * 60);
    }

    [Fact]
    public void Parse_RoleMetricClaim_Loads() =>
        Assert.Single(ExperimentLoader.Parse(Minimal.Replace("s1.rps > param.n", "s1.web.cpuMsPerRequest < 5")).Claims);

    [Fact]
    public void Generators_NumberPlaceholderOrOverride_ResolvesPerMode()
    {
        var file = ExperimentLoader.Parse(Minimal.Replace("\"full\": { \"n\": 50 }", "\"full\": { \"n\": 3 }").Replace("\"profile\": \"ab\"", "\"profile\": \"ab\", \"generators\": \"{n}\""));
        Assert.Equal(5, new ExperimentPlan(file, RunModes.Quick).Generators(file.Steps[0]));
        Assert.Equal(3, new ExperimentPlan(file, RunModes.Full).MaxGenerators());
        Assert.Equal(2, new ExperimentPlan(file, RunModes.Full, generators: 2).Generators(file.Steps[0]));
        Assert.Equal(1, new ExperimentPlan(ExperimentLoader.Parse(Minimal), RunModes.Quick).Generators(file.Steps[0] with { Generators = null }));
    }

    [Fact]
    public void Rounds_ParameterSetHasRounds_OverridesTheFilesPerMode()
    {
        var file = ExperimentLoader.Parse(Minimal.Replace("\"full\": { \"n\": 50 }", "\"full\": { \"n\": 50, \"rounds\": 1 }").Replace("\"quick\": { \"n\": 5 }", "\"quick\": { \"n\": 5, \"rounds\": 3 }"));
        Assert.Equal(3, new ExperimentPlan(file, RunModes.Quick).Rounds);
        Assert.Equal(1, new ExperimentPlan(file, RunModes.Full).Rounds);
        Assert.Equal(1, new ExperimentPlan(ExperimentLoader.Parse(Minimal), RunModes.Quick).Rounds);
    }

    [Fact]
    public void Parse_MinimalFile_Loads()
    {
        var file = ExperimentLoader.Parse(Minimal);
        Assert.Equal("t1", file.Id);
        Assert.Equal("50", new ExperimentPlan(file, RunModes.Full).Parameters["n"]);
    }

    [Theory]
    [InlineData("\"title\": \"Tiny\"", "\"title\": \"Tiny\", \"colour\": 1", "colour")]
    [InlineData("s1.rps > param.n", "s2.rps > param.n", "names no step")]
    [InlineData("s1.rps > param.n", "s1.speed > param.n", "unknown metric")]
    [InlineData("s1.rps > param.n", "s1.rps > param.m", "parameter 'm'")]
    [InlineData("s1.rps > param.n", "s1.rps + 1", "must be a condition")]
    [InlineData("\"role\": \"web\"", "\"role\": \"db\"", "unknown role")]
    [InlineData("s1.rps > param.n", "s1.db.cpuMs > param.n", "names no role")]
    [InlineData("s1.rps > param.n", "s1.web.rps > param.n", "unknown role metric")]
    [InlineData("\"profile\": \"ab\"", "\"profile\": \"wrk\"", "profile must be")]
    [InlineData("\"exe\": \"testbed-server\"", "\"exe\": \"/bin/sh\"", "exe must be")]
    [InlineData("\"args\": [\"-n\", \"{n}\"]", "\"args\": [\"-n\", \"{k}\"]", "unknown placeholder")]
    [InlineData("\"full\": { \"n\": 50 }", "\"full\": { \"m\": 50 }", "different parameters")]
    [InlineData("\"{url}\"", "\"{url:proxy}\"", "not defined before")]
    [InlineData("\"profile\": \"ab\"", "\"profile\": \"ab\", \"expectLimit\": \"disk\"", "step 's1': expectLimit must be one of slots, cpu, cpu-quota, generator, think-time, rate, errors, none, not 'disk'")]
    [InlineData("\"profile\": \"ab\"", "\"profile\": \"ab\", \"generators\": 0", "generators must be a whole number from 1 to 16, not '0'")]
    [InlineData("\"profile\": \"ab\"", "\"profile\": \"ab\", \"generators\": 2.5", "not '2.5'")]
    [InlineData("\"profile\": \"ab\"", "\"profile\": \"ab\", \"generators\": \"{k}\"", "unknown parameter '{k}'")]
    [InlineData("\"profile\": \"ab\"", "\"profile\": \"ab\", \"generators\": \"{n}\"", "step 's1' (full): generators must be a whole number from 1 to 16, not '50'")]
    [InlineData("\"quick\": { \"n\": 5 }, \"full\": { \"n\": 50 }", "\"quick\": { \"n\": 5, \"rounds\": 3 }, \"full\": { \"n\": 50, \"rounds\": 0 }", "parameters.full.rounds must be a whole number 1..20")]
    [InlineData("\"quick\": { \"n\": 5 }, \"full\": { \"n\": 50 }", "\"quick\": { \"n\": 5, \"rounds\": \"two\" }, \"full\": { \"n\": 50, \"rounds\": 1 }", "parameters.quick.rounds must be a whole number 1..20")]
    [InlineData("\"profile\": \"ab\", \"args\": [\"-n\", \"{n}\"]", "\"profile\": \"capacity\", \"args\": [\"--start\", \"{n}\"]", "step 's1': a capacity step needs --slo in its args")]
    [InlineData("\"profile\": \"ab\", \"args\": [\"-n\", \"{n}\"]", "\"profile\": \"capacity\", \"args\": [\"--slo\", \"p99<1s\"], \"generators\": 2", "step 's1': a capacity step runs one generator")]
    [InlineData("\"profile\": \"ab\", \"args\": [\"-n\", \"{n}\"]", "\"profile\": \"capacity\", \"args\": [\"--slo\", \"p99<1s\"], \"warmup\": [\"--slo\", \"p99<1s\"]", "step 's1': a capacity step takes no warmup")]
    public void Parse_InvalidFile_FailsWithReason(string find, string replace, string reason)
    {
        Assert.Contains(find, Minimal);
        var e = Assert.ThrowsAny<Exception>(() => ExperimentLoader.Parse(Minimal.Replace(find, replace)));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void LoadDirectory_E10_CapacityStepsLeftOutOfTheWholeQuickSuite()
    {
        var e10 = ExperimentLoader.LoadDirectory(SuiteTestData.ExperimentsDirectory).Single(e => e.Id == "e10");
        Assert.Equal("capacity", e10.Name);
        Assert.False(e10.QuickSuite);
        Assert.All(e10.Steps, s => Assert.Equal("capacity", s.Profile));
        var quick = new ExperimentPlan(e10, RunModes.Quick);
        // Alone (--only e10) it is a short run; every step is one generator whatever --generators says.
        Assert.InRange(quick.EstimateSeconds(), 10, 60);
        Assert.All(e10.Steps, s => Assert.Equal(1, new ExperimentPlan(e10, RunModes.Quick, generators: 3).Generators(s)));
        Assert.All(e10.Steps, s => Assert.Contains("--max-duration", s.Args));
    }

    [Fact]
    public void EstimateSeconds_E6CapacitySteps_FullOnly()
    {
        var e6 = ExperimentLoader.LoadDirectory(SuiteTestData.ExperimentsDirectory).Single(e => e.Id == "e6");
        var capacity = e6.Steps.Where(s => s.Profile == "capacity").ToList();
        Assert.Equal(["one_cap", "two_cap"], capacity.Select(s => s.Name));
        var quick = new ExperimentPlan(e6, RunModes.Quick);
        var full = new ExperimentPlan(e6, RunModes.Full);
        Assert.All(capacity, s =>
        {
            Assert.True(s.FullOnly);
            Assert.Equal(0, quick.EstimateSeconds(s));
            Assert.NotNull(quick.Skipped(s));
            Assert.Null(full.Skipped(s));
            Assert.InRange(full.EstimateSeconds(s), 60, 240);
        });
    }

    [Fact]
    public void Resolve_Placeholders_UsesParametersAndRoleAddresses()
    {
        var plan = new ExperimentPlan(ExperimentLoader.Parse(Minimal), RunModes.Quick);
        var roles = new Dictionary<string, RoleAddress> { ["web"] = new("127.0.0.1", 4000, "http://127.0.0.1:4000") };
        Assert.Equal("-n 5 http://127.0.0.1:4000 4000", plan.Resolve("-n {n} {url:web} {port}", roles, "web"));
    }
}
