namespace Testbed.Suite.Reports;

/// <summary>
/// What <c>testbed-suite compare</c> reads back from a results.json: the figures of each step,
/// nothing else (the file is a format for other tools; the in-memory result is built from stages).
/// Unknown fields are ignored.
/// </summary>
internal sealed record SavedSuite
{
    public List<SavedExperiment> Experiments { get; init; } = [];
}
