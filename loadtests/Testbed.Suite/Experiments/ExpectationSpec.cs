namespace Testbed.Suite.Experiments;

/// <summary>
/// An analytic expectation (slots / service time; Little's law): <see cref="Expr"/> computes the
/// expected value, <see cref="Measured"/> the figure it predicts; the report shows both and the ratio.
/// </summary>
internal sealed record ExpectationSpec
{
    public required string Text { get; init; }

    public required string Expr { get; init; }

    public required string Measured { get; init; }

    public string Unit { get; init; } = "";
}
