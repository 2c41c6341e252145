using Testbed.Suite.Measurement;
using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// What the experiment's loads gave: each step's result in file order, the figures of the steps that
/// count for grading (none once a load broke), the roles with what the loads showed of their CPU
/// limits, and the first broken load's reason (null: no load broke).
/// </summary>
internal sealed record StepsOutcome(IReadOnlyList<StepResult> Steps, IReadOnlyList<MeasuredStep> Measured, IReadOnlyList<RoleResult> Roles, string? Failure);
