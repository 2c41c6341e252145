using Testbed.Suite.Reports;
using Testbed.Suite.Results;
using Testbed.Suite.Tests.Commands;
using Testbed.Views;

namespace Testbed.Suite.Tests.Reports;

public sealed class SuiteComparisonTests
{
    /// <summary>
    /// Two result folders from the report sample: the new run's "1 backend" step is 4% slower in
    /// throughput (inside its repeats' 10% spread) but its p99 is 50% higher (beyond it), and
    /// "2 backends" serves 30% more requests per second (beyond the 5% default).
    /// </summary>
    internal static (string Base, string New) WriteFolders(string root)
    {
        var before = ReportWriterTests.Sample();
        var sample = ReportWriterTests.Sample();
        var (one, two) = (sample.Experiments[0].Steps[0], sample.Experiments[0].Steps[1]);
        var after = sample with
        {
            Experiments =
            [
                sample.Experiments[0] with
                {
                    Steps =
                    [
                        one with { Metrics = new Dictionary<string, double>(one.Metrics) { ["rps"] = one.Metrics["rps"] * 0.96, ["p99"] = one.Metrics["p99"] * 1.5 } },
                        two with { Metrics = new Dictionary<string, double>(two.Metrics) { ["rps"] = two.Metrics["rps"] * 1.3 } },
                    ],
                },
                .. sample.Experiments.Skip(1),
            ],
        };
        var (a, b) = (Path.Combine(root, "20260102-030405"), Path.Combine(root, "20260103-030405"));
        foreach (var (directory, suite) in new[] { (a, before), (b, after) })
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "results.json"), ResultsJsonWriter.Render(suite));
        }

        return (a, b);
    }

    [Fact]
    public void Compare_TwoFolders_MatchGoldenFilesAndUseRepeatSpread()
    {
        var root = Directory.CreateTempSubdirectory("suite-compare").FullName;
        try
        {
            var (a, b) = WriteFolders(root);
            var comparison = SuiteComparison.Compare(a, b, CompareGate.DefaultNoisePercent);
            GoldenFile.AssertMatches("compare.golden.txt", ComparisonWriter.Text(comparison));
            GoldenFile.AssertMatches("compare.golden.md", ComparisonWriter.Markdown(comparison));
            var html = ComparisonWriter.Html(comparison);
            GoldenFile.AssertMatches("compare.golden.html", html);
            SelfContainedPage.AssertSelfContained(html);

            var figures = comparison.Figures.ToDictionary(f => (f.Group, f.Name));
            var one = figures[("x1 1 backend <&>", "throughput")];
            Assert.Equal(10, one.NoisePercent, 9); // repeats 9.5, 10, 10.5: (10.5 - 9.5) / 10
            Assert.Equal(ComparedFigure.WithinNoise, one.Verdict);
            Assert.Equal(ComparedFigure.Worse, figures[("x1 1 backend <&>", "p99")].Verdict);
            Assert.Equal(ComparedFigure.Better, figures[("x1 2 backends", "throughput")].Verdict);
            Assert.Equal(CompareGate.DefaultNoisePercent, figures[("x1 2 backends", "throughput")].NoisePercent);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { 10.0 }, double.NaN)]
    [InlineData(new[] { 9.5, 10, 10.5 }, 10)]
    [InlineData(new[] { 8.0, 12 }, 40)]
    public void SpreadPercent_Repeats_IsRangeOverMedian(double[] values, double expected) =>
        Assert.Equal(expected, SuiteComparison.SpreadPercent(values), 9);
}
