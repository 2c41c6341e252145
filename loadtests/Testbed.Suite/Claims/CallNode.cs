namespace Testbed.Suite.Claims;

/// <summary>One of the three allowed functions: abs(x), min(x, y, ...), max(x, y, ...).</summary>
internal sealed class CallNode(string function, IReadOnlyList<ExpressionNode> arguments) : ExpressionNode
{
    public static readonly IReadOnlySet<string> Functions = new HashSet<string> { "abs", "min", "max" };

    public override bool IsBoolean => false;

    public override double Evaluate(IMetricSource source, EvaluationTrace trace)
    {
        var values = arguments.Select(a => a.Evaluate(source, trace)).ToArray();
        return function switch
        {
            "abs" => Math.Abs(values[0]),
            "min" => values.Min(),
            "max" => values.Max(),
            _ => throw new ExpressionException($"unknown function {function}"),
        };
    }

    public override IEnumerable<string> References() => arguments.SelectMany(a => a.References());

    public override string ToString() => $"{function}({string.Join(", ", arguments)})";
}
