using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>What starting the roles gave: each role as it ran (up to the first that could not start), warnings, and why it failed (null: every role is up).</summary>
internal sealed record RolesOutcome(IReadOnlyList<RoleResult> Roles, IReadOnlyList<string> Warnings, string? Failure);
