using System.Globalization;

namespace Testbed.Suite.Claims;

internal sealed class NumberNode(double value) : ExpressionNode
{
    public double Value { get; } = value;

    public override bool IsBoolean => false;

    public override double Evaluate(IMetricSource source, EvaluationTrace trace) => Value;

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
