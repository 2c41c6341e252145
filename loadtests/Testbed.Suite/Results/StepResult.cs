using Testbed.Suite.Runs;

namespace Testbed.Suite.Results;

internal sealed record StepResult
{
    public required string Name { get; init; }

    public required string Label { get; init; }

    public required string Role { get; init; }

    public required string Profile { get; init; }

    /// <summary>The exact command of the kept run, so that a user can run it again by hand.</summary>
    public string CommandLine { get; set; } = "";

    /// <summary>The raw run JSON files, relative to the report directory.</summary>
    public List<string> RawFiles { get; init; } = [];

    /// <summary>rps of each repetition (the median one is kept).</summary>
    public List<double> RepeatRps { get; init; } = [];

    public Dictionary<string, double> Metrics { get; set; } = [];

    public List<RoleCost> Costs { get; set; } = [];

    public List<TimeSeriesPointView> TimeSeries { get; set; } = [];

    /// <summary>The kept run's total latency as HdrHistogram's base64 encoding, for the percentile-distribution chart.</summary>
    public string? LatencyHistogram { get; set; }

    public string? Error { get; set; }
}
