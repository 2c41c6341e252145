namespace Testbed.Suite.Experiments;

/// <summary>A source's claim as a condition over measured figures: reproduced when it holds.</summary>
internal sealed record ClaimSpec
{
    public required string Id { get; init; }

    public required string Text { get; init; }

    public required string Expr { get; init; }
}
