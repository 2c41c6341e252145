using Testbed.Common;
using Testbed.Load.Thresholds;

namespace Testbed.Load.Tests.Thresholds;

public sealed class ThresholdParserTests
{
    [Theory]
    [InlineData("p95<200ms", "p95", 200, "Less")]
    [InlineData("p99<=1s", "p99", 1000, "LessOrEqual")]
    [InlineData(" p99.99 < 1.5s ", "p99.99", 1500, "Less")]
    [InlineData("p50_raw<800us", "p50_raw", 0.8, "Less")]
    [InlineData("p90<250", "p90", 250, "Less")]
    [InlineData("mean<20ms", "mean", 20, "Less")]
    [InlineData("max_raw<2s", "max_raw", 2000, "Less")]
    [InlineData("errors<1%", "error_rate", 1, "Less")]
    [InlineData("errors<=10", "error_count", 10, "LessOrEqual")]
    [InlineData("error_rate<0.5%", "error_rate", 0.5, "Less")]
    [InlineData("error_count<1", "error_count", 1, "Less")]
    [InlineData("rps>=500", "rps", 500, "GreaterOrEqual")]
    [InlineData("rps>99.5/s", "rps", 99.5, "Greater")]
    public void Parse_ValidExpression_MetricLimitAndOperator(string text, string metric, double limit, string op)
    {
        var t = ThresholdParser.Parse(text, "--threshold");
        Assert.Equal(metric, t.MetricName);
        Assert.Equal(limit, t.Limit, 9);
        Assert.Equal(op, t.Operator.ToString());
        Assert.Equal(text.Trim(), t.Text);
    }

    [Theory]
    [InlineData("p99<2xs", "'2xs'")]
    [InlineData("latency<1s", "'latency'")]
    [InlineData("p99", "'p99'")]
    [InlineData("p101<1s", "'p101'")]
    [InlineData("errors<abc%", "'abc%'")]
    [InlineData("errors<1.5", "'1.5'")]
    [InlineData("error_rate<1", "'1'")]
    [InlineData("rps>=fast", "'fast'")]
    [InlineData("p99<", "nothing")]
    [InlineData("p99<1s<2s", "'1s<2s'")]
    [InlineData("rps_raw>1", "'rps_raw'")]
    public void Parse_Malformed_UsageErrorNamesThePart(string text, string part)
    {
        var e = Assert.Throws<UsageException>(() => ThresholdParser.Parse(text, "--threshold"));
        Assert.Contains(part, e.Message);
        Assert.StartsWith($"--threshold '{text}': ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ParseList_CommaSeparated_EachParsed()
    {
        var list = ThresholdParser.ParseList("p99<500ms, errors<1%", "--slo");
        Assert.Equal(["p99", "error_rate"], list.Select(t => t.MetricName));
        Assert.Throws<UsageException>(() => ThresholdParser.ParseList("p99<500ms,,errors<1%", "--slo"));
    }
}
