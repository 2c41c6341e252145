using Testbed.Load.Reporting;
using Testbed.Views;

namespace Testbed.Load.Tests.Reporting;

public sealed class RunComparisonTests
{
    private static Comparison Sample() => RunComparison.Compare("run.json", File.ReadAllText(TestData("run.json")),
        "compare-new.json", File.ReadAllText(TestData("compare-new.json")), CompareGate.DefaultNoisePercent);

    internal static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", name);

    [Fact]
    public void Compare_TwoRecords_MatchGoldenFiles()
    {
        var comparison = Sample();
        GoldenFile.AssertMatches("compare.golden.txt", ComparisonWriter.Text(comparison));
        GoldenFile.AssertMatches("compare.golden.md", ComparisonWriter.Markdown(comparison));
        var html = ComparisonWriter.Html(comparison);
        GoldenFile.AssertMatches("compare.golden.html", html);
        SelfContainedPage.AssertSelfContained(html);
    }

    [Fact]
    public void Compare_SlowerTail_JudgesEachFigureByItsDirection()
    {
        var figures = Sample().Figures.ToDictionary(f => (f.Group, f.Name));
        Assert.Equal(ComparedFigure.Worse, figures[("", "throughput")].Verdict); // -20% requests/s
        Assert.Equal(ComparedFigure.Worse, figures[("latency", "p99")].Verdict); // +50%
        Assert.Equal(ComparedFigure.Better, figures[("latency", "p95")].Verdict); // -10%
        Assert.Equal(ComparedFigure.WithinNoise, figures[("latency", "mean")].Verdict); // +2%
        Assert.Equal(ComparedFigure.WithinNoise, figures[("latency", "p50")].Verdict); // unchanged
        Assert.Equal(ComparedFigure.Worse, figures[("", "errors")].Verdict);
    }

    [Fact]
    public void WorseThan_Threshold_KeepsOnlyFiguresBeyondIt()
    {
        var comparison = Sample();
        Assert.Contains(comparison.WorseThan(30), f => f.Name == "p99");
        Assert.DoesNotContain(comparison.WorseThan(30), f => f.Name == "throughput");
        Assert.Contains(comparison.WorseThan(10), f => f.Name == "throughput");
    }

    [Fact]
    public void Compare_NotARunRecord_ThrowsInvalidData()
    {
        var e = Assert.Throws<InvalidDataException>(() => RunComparison.Compare("a", "{\"schema\":\"other\"}", "b", "{}", 5));
        Assert.Contains("a: not a run record (schema 'other', expected 'testbed-load/run@1')", e.Message);
        Assert.Throws<InvalidDataException>(() => RunComparison.Compare("a", "not json", "b", "{}", 5));
    }
}
