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

    /// <summary>rps of each run, in the order run (the median one is kept).</summary>
    public List<double> RepeatRps { get; init; } = [];

    /// <summary>Server CPU ms per request of each run, in the order run.</summary>
    public List<double> RepeatCpuMsPerRequest { get; init; } = [];

    /// <summary>True when the runs were interleaved with the experiment's other steps (rounds &gt; 1).</summary>
    public bool Interleaved { get; set; }

    public Dictionary<string, double> Metrics { get; set; } = [];

    public List<RoleCost> Costs { get; set; } = [];

    /// <summary>The kept run's generator processes and their CPU (one unless the step split its load).</summary>
    public List<GeneratorCost> Generators { get; set; } = [];

    public List<TimeSeriesPointDocument> TimeSeries { get; set; } = [];

    /// <summary>The kept run's total latency as HdrHistogram's base64 encoding, for the percentile-distribution chart.</summary>
    public string? LatencyHistogram { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// Set when the step's figures must not be graded ("not evaluated: backend2 exited (signal 9,
    /// SIGKILL) at t=3.1 s into step two_high"): its metrics are left out of the claims' table.
    /// </summary>
    public string? NotEvaluated { get; set; }
}
