namespace Testbed.Suite.Claims;

internal sealed class UnaryNode(string op, ExpressionNode operand) : ExpressionNode
{
    public override bool IsBoolean => op == "not";

    public override double Evaluate(IMetricSource source, EvaluationTrace trace)
    {
        var value = operand.Evaluate(source, trace);
        return op == "not" ? (value != 0 ? 0 : 1) : -value;
    }

    public override IEnumerable<string> References() => operand.References();

    public override string ToString() => op == "not" ? $"not {operand}" : $"-{operand}";
}
