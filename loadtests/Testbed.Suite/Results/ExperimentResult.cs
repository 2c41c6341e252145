using Testbed.Suite.Experiments;

namespace Testbed.Suite.Results;

internal sealed record ExperimentResult
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Title { get; init; }

    public string Source { get; init; } = "";

    public string Explanation { get; init; } = "";

    public string? QuickNote { get; init; }

    public string? SetupNote { get; init; }

    public required string Mode { get; init; }

    public string Status { get; set; } = ExperimentStatuses.Ran;

    public string? FailureReason { get; set; }

    public double DurationSeconds { get; set; }

    public Dictionary<string, string> Parameters { get; init; } = [];

    public List<RoleResult> Roles { get; init; } = [];

    public List<CheckResult> Checks { get; init; } = [];

    public List<StepResult> Steps { get; init; } = [];

    public List<FigureResult> Figures { get; init; } = [];

    public List<ClaimResult> Claims { get; init; } = [];

    public List<ExpectationResult> Expectations { get; init; } = [];

    public List<string> Warnings { get; init; } = [];

    public ChartSpec Charts { get; init; } = new();

    /// <summary>
    /// Marks the experiment failed, keeping the first reason (later failures follow from it).
    /// Returns false, so that a stage can end with <c>return result.Fail(...)</c>.
    /// </summary>
    public bool Fail(string reason)
    {
        if (Status != ExperimentStatuses.Failed)
        {
            Status = ExperimentStatuses.Failed;
            FailureReason = reason;
        }

        return false;
    }
}
