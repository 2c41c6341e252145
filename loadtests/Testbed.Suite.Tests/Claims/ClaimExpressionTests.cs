using Testbed.Suite.Claims;

namespace Testbed.Suite.Tests.Claims;

public sealed class ClaimExpressionTests
{
    private static readonly DictionaryMetricSource Figures = new(new()
    {
        ["c1.rps"] = 1.0,
        ["c10.rps"] = 1.05,
        ["threaded.rps"] = 35.2,
        ["async.rps"] = 912.3,
        ["a.x"] = 2,
        ["a.zero"] = 0,
        ["param.users"] = 200,
    });

    private static double Number(string text) => ClaimExpression.Parse(text).EvaluateNumber(Figures, new EvaluationTrace());

    private static bool Condition(string text) => ClaimExpression.Parse(text).EvaluateCondition(Figures, new EvaluationTrace());

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 / 4 - 1", 1.5)]
    [InlineData("-a.x + 5", 3)]
    [InlineData("2 - -3", 5)]
    [InlineData("1.5e3 / 1000", 1.5)]
    [InlineData(".5 * 4", 2)]
    [InlineData("abs(1 - c10.rps / c1.rps)", 0.05)]
    [InlineData("min(3, a.x, 7)", 2)]
    [InlineData("max(3, a.x, 7)", 7)]
    [InlineData("param.users / (2 + 0)", 100)]
    [InlineData("8 / 2 / 2", 2)]
    public void EvaluateNumber_Arithmetic_FollowsPrecedence(string text, double expected) =>
        Assert.Equal(expected, Number(text), 9);

    [Theory]
    [InlineData("async.rps >= 10 * threaded.rps", true)]
    [InlineData("async.rps >= 30 * threaded.rps", false)]
    [InlineData("abs(c10.rps / c1.rps - 1) <= 0.1", true)]
    [InlineData("abs(c10.rps / c1.rps - 1) <= 0.01", false)]
    [InlineData("a.x == 2 and a.zero == 0", true)]
    [InlineData("a.x == 3 or a.zero == 0", true)]
    [InlineData("a.x == 3 || a.zero != 0", false)]
    [InlineData("a.x > 1 && a.x < 3", true)]
    [InlineData("not a.x > 1", false)]
    [InlineData("!(a.x > 1) or a.x > 1", true)]
    [InlineData("a.x > 1 and a.x > 5 or a.x < 3", true)]
    [InlineData("a.x > 1 and (a.x > 5 or a.x > 3)", false)]
    [InlineData("0.1 + 0.2 == 0.3", true)]
    public void EvaluateCondition_Relations_GiveExpectedTruth(string text, bool expected) =>
        Assert.Equal(expected, Condition(text));

    [Theory]
    [InlineData("a.x +", "unexpected end")]
    [InlineData("a.x > 1 > 0", "cannot be chained")]
    [InlineData("system(1)", "unknown function")]
    [InlineData("abs(1, 2)", "one argument")]
    [InlineData("min(1)", "at least two")]
    [InlineData("a.x + (a.x > 1)", "condition where a number")]
    [InlineData("a.x and a.x > 1", "number where a condition")]
    [InlineData("rps > 1", "step.metric")]
    [InlineData("a.b.c.d > 1", "step.metric")]
    [InlineData("a.x > 1;", "unexpected character")]
    [InlineData("(a.x > 1", "expected ')'")]
    [InlineData("a.x 1", "unexpected '1'")]
    public void Parse_InvalidText_ThrowsWithReason(string text, string reason)
    {
        var e = Assert.Throws<ExpressionException>(() => ClaimExpression.Parse(text));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void EvaluateCondition_MissingFigure_ThrowsNamingIt()
    {
        var e = Assert.Throws<ExpressionException>(() => Condition("missing.rps > 1 or a.x > 1"));
        Assert.Contains("missing.rps was not measured", e.Message);
    }

    [Fact]
    public void EvaluateNumber_DivisionByZero_Throws() =>
        Assert.Throws<ExpressionException>(() => Number("a.x / a.zero"));

    [Fact]
    public void EvaluateCondition_NumberExpression_Throws() =>
        Assert.Throws<ExpressionException>(() => Condition("a.x + 1"));

    [Fact]
    public void Describe_AfterEvaluation_ShowsEveryFigureAndComparison()
    {
        var trace = new EvaluationTrace();
        var held = ClaimExpression.Parse("async.rps >= 10 * threaded.rps").EvaluateCondition(Figures, trace);
        Assert.True(held);
        Assert.Equal("async.rps = 912.3, threaded.rps = 35.2: 912.3 >= 352 is true", trace.Describe());
    }

    [Fact]
    public void References_ListsEachFigureOnce() =>
        Assert.Equal(["c10.rps", "c1.rps"], ClaimExpression.Parse("abs(c10.rps / c1.rps - 1) <= 0.1 and c10.rps > 0").References);

    [Theory]
    [InlineData(1003.7, "1003.7")]
    [InlineData(35.634, "35.63")]
    [InlineData(0.91974, "0.9197")]
    [InlineData(9.1972, "9.197")]
    [InlineData(double.NaN, "n/a")]
    [InlineData(-0.00001, "0")]
    public void Short_Values_AreReadable(double value, string expected) => Assert.Equal(expected, NumberFormat.Short(value));
}
