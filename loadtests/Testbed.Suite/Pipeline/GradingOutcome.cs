using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>An experiment's grades: each claim's verdict, each analytic expectation, each figure the source reported beside ours.</summary>
internal sealed record GradingOutcome(IReadOnlyList<ClaimResult> Claims, IReadOnlyList<ExpectationResult> Expectations, IReadOnlyList<FigureResult> Figures);
