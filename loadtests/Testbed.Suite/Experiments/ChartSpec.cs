namespace Testbed.Suite.Experiments;

/// <summary>
/// Which charts the report draws. <see cref="Bars"/>: metrics compared across steps as bar charts
/// (defaults to rps and mean latency). <see cref="TimeSeries"/>: draw rps, mean and p95 latency,
/// active users and errors per second over time for every step.
/// </summary>
internal sealed record ChartSpec
{
    public List<string> Bars { get; init; } = ["rps", "mean"];

    public bool TimeSeries { get; init; }
}
