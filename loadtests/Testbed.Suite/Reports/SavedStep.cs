namespace Testbed.Suite.Reports;

/// <summary>One step of a saved results.json, as <see cref="SuiteComparison"/> reads it.</summary>
internal sealed record SavedStep
{
    public string Name { get; init; } = "";

    public string Label { get; init; } = "";

    public string? Error { get; init; }

    public List<double> RepeatRps { get; init; } = [];

    public Dictionary<string, double> Metrics { get; init; } = [];
}
