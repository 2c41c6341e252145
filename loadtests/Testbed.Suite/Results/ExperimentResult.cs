using System.Text.Json.Serialization;
using Testbed.Suite.Experiments;

namespace Testbed.Suite.Results;

/// <summary>
/// What one experiment gave: built once, after its stages, from what each returned. Its fixed facts
/// (id, titles, notes, charts) are read from <see cref="File"/>, never copied; they are still written
/// to results.json under their own names, in the order a reader of the file knows.
/// </summary>
/// <param name="File">The experiment as its file says; not written itself (its facts are, below).</param>
internal sealed record ExperimentResult([property: JsonIgnore] ExperimentFile File)
{
    public string Id => File.Id;

    public string Name => File.Name;

    public string Title => File.Title;

    public string Source => File.Source;

    public string Explanation => File.Explanation;

    /// <summary>Why the quick parameters differ from the catalog's: shown for a quick run only.</summary>
    public string? QuickNote => Mode == RunModes.Quick ? File.QuickNote : null;

    public string? SetupNote => File.SetupNote;

    public required string Mode { get; init; }

    public string Status => FailureReason is null ? ExperimentStatuses.Ran : ExperimentStatuses.Failed;

    /// <summary>The first stage's failure (later failures follow from it); null when the experiment ran.</summary>
    public string? FailureReason { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>The parameter set of <see cref="Mode"/> as the text that replaced the placeholders.</summary>
    public IReadOnlyDictionary<string, string> Parameters => File.Parameters.ContainsKey(Mode) ? File.ParameterTexts(Mode) : new Dictionary<string, string>();

    public IReadOnlyList<RoleResult> Roles { get; init; } = [];

    public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    public IReadOnlyList<StepResult> Steps { get; init; } = [];

    public IReadOnlyList<FigureResult> Figures { get; init; } = [];

    public IReadOnlyList<ClaimResult> Claims { get; init; } = [];

    public IReadOnlyList<ExpectationResult> Expectations { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public ChartSpec Charts => File.Charts;
}
