namespace Testbed.Suite.Experiments;

/// <summary>A source's claim as a condition over measured figures: reproduced when it holds.</summary>
internal sealed record ClaimSpec
{
    public required string Id { get; init; }

    public required string Text { get; init; }

    public required string Expr { get; init; }

    /// <summary>
    /// A condition over <c>machine.*</c> and <c>param.*</c> that the set-up must meet for the claim
    /// to mean what it says (E5's "more workers do not lower throughput" needs cores for the
    /// workers). When it does not hold the claim is "not evaluated" with the reason, never graded.
    /// </summary>
    public string? When { get; init; }
}
