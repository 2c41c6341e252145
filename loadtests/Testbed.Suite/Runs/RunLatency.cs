namespace Testbed.Suite.Runs;

internal sealed record RunLatency
{
    public LatencyStats Total { get; init; } = new();

    public LatencyStats? Connect { get; init; }

    public LatencyStats? Waiting { get; init; }

    /// <summary>Corrected for coordinated omission; only the open model (rate) has it.</summary>
    public LatencyStats? Corrected { get; init; }
}
