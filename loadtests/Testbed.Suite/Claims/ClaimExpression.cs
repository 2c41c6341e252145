namespace Testbed.Suite.Claims;

/// <summary>
/// A parsed expression over measured figures, e.g. <c>async.rps &gt;= 10 * threaded.rps</c> or
/// <c>abs(c10.rps / c1.rps - 1) &lt;= 0.1</c>. Parsed once when the experiment file is loaded so
/// that a typo fails the file at start-up.
/// </summary>
internal sealed class ClaimExpression
{
    private readonly ExpressionNode _root;

    private ClaimExpression(string text, ExpressionNode root)
    {
        Text = text;
        _root = root;
    }

    public string Text { get; }

    public bool IsCondition => _root.IsBoolean;

    public IReadOnlyList<string> References => _root.References().Distinct().ToList();

    public static ClaimExpression Parse(string text) => new(text, ExpressionParser.Parse(text));

    public double EvaluateNumber(IMetricSource source, EvaluationTrace trace) =>
        IsCondition ? throw new ExpressionException($"'{Text}' is a condition, not a number") : _root.Evaluate(source, trace);

    public bool EvaluateCondition(IMetricSource source, EvaluationTrace trace) =>
        IsCondition ? _root.Evaluate(source, trace) != 0 : throw new ExpressionException($"'{Text}' is a number, not a condition");

    public override string ToString() => Text;
}
