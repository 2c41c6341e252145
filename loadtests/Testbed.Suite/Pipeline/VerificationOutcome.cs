using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>Every correctness check made before the loads, and the first failed one's reason (null: all passed).</summary>
internal sealed record VerificationOutcome(IReadOnlyList<CheckResult> Checks, string? Failure);
