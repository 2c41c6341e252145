using Testbed.Suite.Measurement;

namespace Testbed.Suite.Results;

/// <summary>
/// What one step gave: its runs' figures (the medians, and the kept run's costs, time series and
/// command), or why it has none. Built once when the experiment's steps end (see <c>Pipeline.StepRuns</c>).
/// </summary>
internal sealed record StepResult
{
    public required string Name { get; init; }

    public required string Label { get; init; }

    public required string Role { get; init; }

    public required string Profile { get; init; }

    /// <summary>The exact command of the kept run, so that a user can run it again by hand.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>The raw run JSON files, relative to the report directory.</summary>
    public IReadOnlyList<string> RawFiles { get; init; } = [];

    /// <summary>rps of each run, in the order run (the median one is kept).</summary>
    public IReadOnlyList<double> RepeatRps { get; init; } = [];

    /// <summary>Server CPU ms per request of each run, in the order run.</summary>
    public IReadOnlyList<double> RepeatCpuMsPerRequest { get; init; } = [];

    /// <summary>True when the runs were interleaved with the experiment's other steps (rounds &gt; 1).</summary>
    public bool Interleaved { get; init; }

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<RoleCost> Costs { get; init; } = [];

    /// <summary>The kept run's generator processes and their CPU (one unless the step split its load).</summary>
    public IReadOnlyList<GeneratorCost> Generators { get; init; } = [];

    public IReadOnlyList<TimeSeriesPointDocument> TimeSeries { get; init; } = [];

    /// <summary>The kept run's total latency as HdrHistogram's base64 encoding, for the percentile-distribution chart.</summary>
    public string? LatencyHistogram { get; init; }

    public string? Error { get; init; }

    /// <summary>
    /// Set when the step's figures must not be graded ("not evaluated: backend2 exited (signal 9,
    /// SIGKILL) at t=3.1 s into step two_high"): its metrics are left out of the claims' table.
    /// </summary>
    public string? NotEvaluated { get; init; }

    /// <summary>A capacity step's search (the kept run's), as its record holds it; null for other profiles.</summary>
    public CapacityDocument? Capacity { get; init; }

    /// <summary>
    /// What limited the step's kept run (<see cref="StepLimit"/>), graded against the experiment
    /// file's expectLimit when it has one; for a step without a kept run, only when it expects one
    /// (kind "unmeasured", verdict "not evaluated").
    /// </summary>
    public StepLimit? Limit { get; init; }
}
