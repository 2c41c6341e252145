using System.Globalization;

namespace Testbed.Suite.Claims;

/// <summary>
/// <c>paired(a.metric, b.metric)</c>: the median over rounds of a ÷ b taken round by round. Steps
/// measured in interleaved rounds share each round's conditions (a busy machine, a collection in
/// progress); dividing within the round cancels what both runs of it shared, which the ratio of
/// the two medians does not. Both steps must have the same number of runs.
/// </summary>
internal sealed class PairedRatioNode : ExpressionNode
{
    public const string Function = "paired";

    private readonly ReferenceNode _numerator;
    private readonly ReferenceNode _denominator;

    private PairedRatioNode(ReferenceNode numerator, ReferenceNode denominator)
    {
        _numerator = numerator;
        _denominator = denominator;
    }

    public static PairedRatioNode Create(IReadOnlyList<ExpressionNode> arguments, int position) =>
        arguments is [ReferenceNode numerator, ReferenceNode denominator]
            ? new PairedRatioNode(numerator, denominator)
            : throw new ExpressionException($"{Function} takes two step.metric references (at {position})");

    public override bool IsBoolean => false;

    public override double Evaluate(IMetricSource source, EvaluationTrace trace)
    {
        var top = Runs(source, _numerator);
        var bottom = Runs(source, _denominator);
        if (top.Count != bottom.Count)
        {
            throw new ExpressionException($"{this}: {_numerator.Scope} has {top.Count} runs and {_denominator.Scope} {bottom.Count}; pairing needs as many of each");
        }

        var ratios = top.Zip(bottom, (a, b) => a / b).ToList();
        var value = Median.Of(ratios.Where(double.IsFinite).Order().ToList());
        if (double.IsNaN(value))
        {
            throw new ExpressionException($"{this}: no round with both figures measured");
        }

        var rounds = string.Join(" ", ratios.Select(r => r.ToString("0.###", CultureInfo.InvariantCulture)));
        trace.Bindings.Add(new($"{this} (per round: {rounds})", value));
        return value;
    }

    public override IEnumerable<string> References() => [_numerator.Name, _denominator.Name];

    public override string ToString() => $"{Function}({_numerator}, {_denominator})";

    private static IReadOnlyList<double> Runs(IMetricSource source, ReferenceNode reference) =>
        source.TryGetRuns(reference.Scope, reference.Metric, out var values) && values.Count > 0
            ? values
            : throw new ExpressionException($"{reference.Name} was not measured run by run");
}
