using Testbed.Suite.Claims;
using Testbed.Suite.Pipeline;

namespace Testbed.Suite.Tests.Claims;

public sealed class PairedRatioTests
{
    [Fact]
    public void Evaluate_RoundsSharingConditions_ComparesWithinEachRound()
    {
        // Round 1 was slow for both steps (a busy machine): the medians put b above a, while a cost
        // more than b in four of five rounds.
        var table = Table(a: [0.339, 0.114, 0.106, 0.113, 0.141], b: [0.341, 0.116, 0.098, 0.095, 0.119]);
        var trace = new EvaluationTrace();

        Assert.False(ClaimExpression.Parse("a.cpuMsPerRequest > b.cpuMsPerRequest").EvaluateCondition(table, new EvaluationTrace()));
        Assert.True(ClaimExpression.Parse("paired(a.cpuMsPerRequest, b.cpuMsPerRequest) > 1").EvaluateCondition(table, trace));
        Assert.Contains("per round: 0.994 0.983 1.082 1.189 1.185", trace.Describe());
    }

    [Fact]
    public void Evaluate_PairedRatio_IsMedianOfPerRoundRatios()
    {
        var table = Table(a: [2, 3, 10], b: [1, 1, 1]);
        Assert.Equal(3, ClaimExpression.Parse("paired(a.cpuMsPerRequest, b.cpuMsPerRequest)").EvaluateNumber(table, new EvaluationTrace()));
    }

    [Fact]
    public void Evaluate_DifferentRunCounts_FailsWithReason()
    {
        var table = Table(a: [1, 2], b: [1, 2, 3]);
        var e = Assert.Throws<ExpressionException>(() => ClaimExpression.Parse("paired(a.cpuMsPerRequest, b.cpuMsPerRequest) > 1").EvaluateCondition(table, new EvaluationTrace()));
        Assert.Contains("as many", e.Message);
    }

    [Fact]
    public void Evaluate_SourceWithoutRuns_FailsWithReason()
    {
        var source = new DictionaryMetricSource(new() { ["a.cpuMsPerRequest"] = 1, ["b.cpuMsPerRequest"] = 2 });
        var e = Assert.Throws<ExpressionException>(() => ClaimExpression.Parse("paired(a.cpuMsPerRequest, b.cpuMsPerRequest)").EvaluateNumber(source, new EvaluationTrace()));
        Assert.Contains("run by run", e.Message);
    }

    [Theory]
    [InlineData("paired(a.rps)")]
    [InlineData("paired(a.rps, b.rps, c.rps)")]
    [InlineData("paired(a.rps, 2)")]
    [InlineData("paired(a.rps * 2, b.rps)")]
    public void Parse_PairedWithoutTwoReferences_FailsWithReason(string text)
    {
        var e = Assert.Throws<ExpressionException>(() => ClaimExpression.Parse(text));
        Assert.Contains("two step.metric references", e.Message);
    }

    [Fact]
    public void References_Paired_NamesBothSteps() =>
        Assert.Equal(["a.rps", "b.rps"], ClaimExpression.Parse("paired(a.rps, b.rps) > 1").References);

    private static MetricTable Table(double[] a, double[] b)
    {
        var table = new MetricTable(new Dictionary<string, string>());
        foreach (var (name, values) in new[] { ("a", a), ("b", b) })
        {
            table.SetRuns(name, values.Select(v => (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { ["cpuMsPerRequest"] = v }).ToList());
            table.Set(name, new Dictionary<string, double> { ["cpuMsPerRequest"] = values.Order().ElementAt(values.Length / 2) });
        }

        return table;
    }
}
