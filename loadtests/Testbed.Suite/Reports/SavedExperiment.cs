namespace Testbed.Suite.Reports;

/// <summary>One experiment of a saved results.json, as <see cref="SuiteComparison"/> reads it.</summary>
internal sealed record SavedExperiment
{
    public string Id { get; init; } = "";

    public List<SavedStep> Steps { get; init; } = [];
}
