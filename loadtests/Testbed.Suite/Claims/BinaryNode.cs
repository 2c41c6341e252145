namespace Testbed.Suite.Claims;

internal sealed class BinaryNode(string op, ExpressionNode left, ExpressionNode right) : ExpressionNode
{
    // Relative tolerance of == and !=: figures are measured doubles, exact equality is meaningless
    // except for counts, which are integers and unaffected.
    private const double EqualityTolerance = 1e-9;

    public override bool IsBoolean => op is "and" or "or" or "<" or "<=" or ">" or ">=" or "==" or "!=";

    public override double Evaluate(IMetricSource source, EvaluationTrace trace)
    {
        if (op is "and" or "or")
        {
            // Both sides are always evaluated so that the report shows every number, and a
            // missing figure on either side makes the claim "not evaluated" rather than silently true.
            var l = left.Evaluate(source, trace) != 0;
            var r = right.Evaluate(source, trace) != 0;
            return (op == "and" ? l && r : l || r) ? 1 : 0;
        }

        var a = left.Evaluate(source, trace);
        var b = right.Evaluate(source, trace);
        switch (op)
        {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "/":
                if (b == 0)
                {
                    throw new ExpressionException($"division by zero in {this}");
                }

                return a / b;
        }

        var result = op switch
        {
            "<" => a < b,
            "<=" => a <= b,
            ">" => a > b,
            ">=" => a >= b,
            "==" => Math.Abs(a - b) <= EqualityTolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b))),
            "!=" => Math.Abs(a - b) > EqualityTolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b))),
            _ => throw new ExpressionException($"unknown operator {op}"),
        };
        trace.Comparisons.Add($"{NumberFormat.Short(a)} {op} {NumberFormat.Short(b)} is {(result ? "true" : "false")}");
        return result ? 1 : 0;
    }

    public override IEnumerable<string> References() => left.References().Concat(right.References());

    public override string ToString() => $"({left} {op} {right})";
}
