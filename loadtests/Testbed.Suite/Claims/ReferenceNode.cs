namespace Testbed.Suite.Claims;

/// <summary>A measured figure, <c>step.metric</c> or <c>step.role.metric</c> (or <c>param.name</c> for a run parameter).</summary>
internal sealed class ReferenceNode : ExpressionNode
{
    public ReferenceNode(string name, int position)
    {
        // step.metric, or step.role.metric for one role's share of the server cost.
        var parts = name.Split('.');
        var dot = name.IndexOf('.');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
        {
            throw new ExpressionException($"'{name}' at {position} is not a reference of the form step.metric or step.role.metric");
        }

        Name = name;
        Scope = name[..dot];
        Metric = name[(dot + 1)..];
    }

    public string Name { get; }

    public string Scope { get; }

    public string Metric { get; }

    public override bool IsBoolean => false;

    public override double Evaluate(IMetricSource source, EvaluationTrace trace)
    {
        if (!source.TryGet(Scope, Metric, out var value) || double.IsNaN(value))
        {
            throw new ExpressionException($"{Name} was not measured");
        }

        trace.Bindings.Add(new(Name, value));
        return value;
    }

    public override IEnumerable<string> References() => [Name];

    public override string ToString() => Name;
}
