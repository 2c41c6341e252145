namespace Testbed.Suite.Claims;

/// <summary>
/// A node of a parsed claim expression. Booleans are carried as 1 and 0 but typed at parse time
/// (<see cref="IsBoolean"/>), so that "a.rps + (b.rps > 1)" is rejected when the file is loaded,
/// not when the suite has already run for minutes.
/// </summary>
internal abstract class ExpressionNode
{
    public abstract bool IsBoolean { get; }

    public abstract double Evaluate(IMetricSource source, EvaluationTrace trace);

    public abstract override string ToString();

    public virtual IEnumerable<string> References() => [];
}
