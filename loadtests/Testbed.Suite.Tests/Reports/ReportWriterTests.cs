using System.Text.Json;
using Testbed.Suite.Experiments;
using Testbed.Suite.Reports;
using Testbed.Suite.Results;
using Testbed.Suite.Measurement;
using Testbed.Views;

namespace Testbed.Suite.Tests.Reports;

public sealed class ReportWriterTests
{
    /// <summary>A fixed suite: one experiment that ran (with a time series and every kind of verdict) and one that failed.</summary>
    internal static SuiteResult Sample()
    {
        var run = RunRecordJson.Parse(SuiteTestData.Read("run-users.json"));
        RoleCost[] costs = [new() { Role = "lb", CpuMs = 120, Source = "cgroup" }, new() { Role = "backend", CpuMs = 180, ThrottledMs = 40, Source = "cgroup" }];
        var step = new StepResult
        {
            Name = "two", Label = "2 backends", Role = "lb", Profile = "users",
            CommandLine = "testbed-load users http://127.0.0.1:9/index --users 4 --duration 6 --json raw/x-two.json --quiet",
            Metrics = StepMetrics.Compute(run, costs, "lb"), Costs = [.. costs], TimeSeries = run.TimeSeries, LatencyHistogram = run.Latency.Total.HdrHistogram,
            RawFiles = ["raw/x-two.json"],
            Limit = new StepLimit
            {
                Kind = LimitKinds.ThinkTime, Evidence = "4 users ÷ (12 ms latency + 1000 ms think) = 3.95 req/s bound, measured 3.9 req/s",
                Figures = new SortedDictionary<string, double> { ["rps"] = 3.9, ["thinkMs"] = 1000, ["users"] = 4 },
                LittleLaw = new LittleLawCheck(3.95, 4, true, "generator: users vs rps × (latency + think)"),
            },
        };
        var one = step with { Name = "one", Label = "1 backend <&>", RawFiles = ["raw/x-one-1.json", "raw/x-one-2.json"], RepeatRps = [9.5, 10, 10.5],
            Metrics = new Dictionary<string, double>(step.Metrics) { ["rps"] = 5, ["peakRps"] = 6.5 },
            Limit = new StepLimit
            {
                Kind = LimitKinds.CpuQuota, Role = "backend", Evidence = "backend used 0.05 of its 0.05-core quota (100%), 97% of 60 periods throttled (5700 ms)",
                Figures = new SortedDictionary<string, double> { ["coreCap"] = 0.05, ["cores"] = 0.05, ["throttledPeriods"] = 58, ["periods"] = 60 },
                LittleLaw = new LittleLawCheck(40, 52, false, "generator: users vs rps × (latency + think)"),
                Expected = LimitKinds.CpuQuota, Verdict = Verdicts.NotEvaluated, VerdictReason = "Little's law disagrees (generator: users vs rps × (latency + think): expected 40, measured 52)",
            } };
        var ran = new ExperimentResult(new ExperimentFile
        {
            Id = "x1", Name = "sample", Title = "A sample experiment", Source = "seed 999",
            Explanation = "Two backends have twice the capacity.", QuickNote = "shortened",
            Parameters = new() { [RunModes.Quick] = new() { ["users"] = JsonSerializer.SerializeToElement(4), ["duration"] = JsonSerializer.SerializeToElement(6) } },
            Charts = new ChartSpec { Bars = ["rps", "peakRps"], TimeSeries = true },
        })
        {
            Mode = RunModes.Quick, DurationSeconds = 75.4,
            Roles =
            [
                new RoleResult { Name = "backend", CommandLine = "testbed-server web --mode async --urls http://127.0.0.1:9", Url = "http://127.0.0.1:9", Cpus = 0.05, LimitMethod = "cgroup v1 (cpu.cfs_quota_us)" },
                new RoleResult { Name = "lb", CommandLine = "testbed-proxy --backend http://127.0.0.1:9 --urls http://127.0.0.1:10", Url = "http://127.0.0.1:10" },
            ],
            Checks = [new CheckResult("lb /index", true, "GET http://127.0.0.1:10/index answered 200 (11 bytes)")],
            Steps = [one, step],
            Figures = [new FigureResult("peak TPS, 2 backends", "req/s", 20, null, 13), new FigureResult("errors over time", "", null, "climb | after a while", null)],
            Claims =
            [
                new ClaimResult("x1", "peak", "peak TPS doubles", "two.peakRps >= 1.6 * one.peakRps", Verdicts.Reproduced, "two.peakRps = 13, one.peakRps = 6.5: 13 >= 10.4 is true"),
                new ClaimResult("x1", "clean", "no errors", "two.errors == 0", Verdicts.NotReproduced, "two.errors = 6: 6 == 0 is false"),
            ],
            Expectations =
            [
                new ExpectationResult("twice the capacity", "2 * one.peakRps", "two.peakRps", 13, 13, 1, "req/s", null),
                new ExpectationResult("capacity from CPU", "50 / one.cpuMsPerRequest", "one.rps", double.NaN, double.NaN, double.NaN, "req/s", "one.cpuMsPerRequest was not measured"),
            ],
            Warnings = ["backend: CPU limit of 0.05 core(s) NOT applied"],
        };
        var failed = new ExperimentResult(new ExperimentFile { Id = "x2", Name = "broken", Title = "Needs a missing server" })
        {
            Mode = RunModes.Quick, FailureReason = "testbed-proxy (role lb) not found; build it first", DurationSeconds = 0.1,
            Claims = [new ClaimResult("x2", "c", "something holds", "a.rps > 1", Verdicts.NotEvaluated, "experiment failed: testbed-proxy (role lb) not found; build it first")],
        };
        return new SuiteResult
        {
            StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), FinishedAt = new DateTimeOffset(2026, 1, 2, 3, 6, 5, TimeSpan.Zero),
            Mode = RunModes.Quick, Targets = "local", Machine = "2 cores, Test OS, .NET 10", Experiments = [ran, failed],
        };
    }

    [Fact]
    public void MarkdownReport_Sample_MatchesGolden() => GoldenFile.AssertMatches("report.golden.md", MarkdownReportWriter.Render(Sample()));

    [Fact]
    public void HtmlReport_Sample_MatchesGolden() => GoldenFile.AssertMatches("report.golden.html", HtmlReportWriter.Render(Sample()));

    [Fact]
    public void ConsoleSummary_Sample_MatchesGolden() => GoldenFile.AssertMatches("summary.golden.txt", ConsoleSummaryWriter.Render(Sample()));

    [Fact]
    public void HtmlReport_Sample_IsSelfContainedWithCharts()
    {
        var html = HtmlReportWriter.Render(Sample());
        SelfContainedPage.AssertSelfContained(html);
        Assert.DoesNotContain("<script", html);
        Assert.Equal(2 + 1 + 4, CountOf(html, "<svg ")); // bars, the percentile distribution, time series
        Assert.Contains("<title>2 backends, 99%: ", html); // the distribution decoded from the run record's histogram
        Assert.Contains("<title>1 backend &lt;&amp;&gt; mean, second 1: ", html); // hover values
        Assert.Contains("1 backend &lt;&amp;&gt;", html);
        Assert.Contains("class=\"not-reproduced\"", html);
    }

    [Fact]
    public void ResultsJson_Sample_RoundTripsVerdicts()
    {
        var json = ResultsJsonWriter.Render(Sample());
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var experiments = document.RootElement.GetProperty("experiments");
        Assert.Equal("reproduced", experiments[0].GetProperty("claims")[0].GetProperty("verdict").GetString());
        Assert.Equal("failed", experiments[1].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(0.7, 1)]
    [InlineData(13, 20)]
    [InlineData(20, 20)]
    [InlineData(21, 25)]
    [InlineData(36.2, 50)]
    [InlineData(912, 1000)]
    [InlineData(0, 1)]
    public void NiceMax_Values_RoundUpToReadableAxis(double value, double expected) => Assert.Equal(expected, ChartNumber.NiceMax(value), 9);

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
