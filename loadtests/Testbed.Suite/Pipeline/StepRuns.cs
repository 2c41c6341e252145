using Testbed.Suite.Experiments;
using Testbed.Suite.Measurement;
using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// One step's working state across the experiment's interleaved rounds, private to the stage that
/// measures it: what it loads, the loads measured so far, and why it stopped. <see cref="ToResult"/>
/// turns it into the step's (immutable) result once the rounds are over.
/// </summary>
internal sealed class StepRuns(StepSpec spec, string label, List<string> measured, string url, List<string> args)
{
    public StepSpec Spec { get; } = spec;

    public string Label { get; } = label;

    /// <summary>The step's target, the roles its command line points at, and its "measure" roles.</summary>
    public List<string> Measured { get; } = measured;

    public string Url { get; } = url;

    public List<string> Args { get; } = args;

    public List<MeasuredLoad> Loads { get; } = [];

    /// <summary>The command of the last load started (the kept run's replaces it when the step is kept).</summary>
    public string CommandLine { get; set; } = "";

    /// <summary>Why the load broke (the experiment failed).</summary>
    public string? Error { get; set; }

    /// <summary>Set when a role the step needs died: its figures must not be graded.</summary>
    public string? NotEvaluated { get; set; }

    /// <summary>No more runs: a role it needs died (the step is not evaluated).</summary>
    public bool Done => NotEvaluated is not null;

    /// <summary>True when the step's figures count: it was not spoiled and measured at least one load.</summary>
    public bool Counts => !Done && Loads.Count > 0;

    /// <summary>
    /// The step's result. When <paramref name="keep"/> (the experiment's loads all ended and the
    /// step counts), each metric is the median over the runs; the run with the median rps (as the
    /// source of E5 kept its repeats) gives the command, the per-role costs and the time series shown,
    /// and its limit (<paramref name="limitOf"/>), graded against the step's expectLimit. A step
    /// that expects a limit but has no kept run gets an "unmeasured" limit: its grade says why.
    /// </summary>
    public StepResult ToResult(bool keep, bool interleaved, Func<MeasuredLoad, StepLimit>? limitOf = null)
    {
        var result = new StepResult
        {
            Name = Spec.Name,
            Label = Label,
            Role = Spec.Role,
            Profile = Spec.Profile,
            CommandLine = CommandLine,
            RawFiles = Loads.SelectMany(l => l.RawFiles).ToList(),
            RepeatRps = Loads.Select(l => l.Run.Rps).ToList(),
            RepeatCpuMsPerRequest = Loads.Select(l => l.Metrics["cpuMsPerRequest"]).ToList(),
            Error = Error,
            NotEvaluated = NotEvaluated,
        };
        if (!keep || !Counts)
        {
            var why = NotEvaluated ?? (Error is not null ? $"the step's load broke: {Error}" : "the experiment did not finish its loads");
            return Spec.ExpectLimit is null ? result : result with { Limit = LimitClassifier.Grade(LimitClassifier.Unmeasured(why), Spec.ExpectLimit) };
        }

        var kept = Loads.OrderBy(r => r.Run.Rps).ElementAt(Loads.Count / 2);
        return result with
        {
            CommandLine = kept.CommandLine,
            Costs = kept.Costs,
            Generators = kept.Generators,
            TimeSeries = kept.Run.TimeSeries,
            LatencyHistogram = kept.Run.Latency.Total.HdrHistogram,
            Interleaved = interleaved,
            Capacity = kept.Run.Capacity,
            Metrics = StepMetrics.Median(Loads.Select(l => l.Metrics).ToList()),
            Limit = limitOf is null ? null : LimitClassifier.Grade(limitOf(kept), Spec.ExpectLimit),
        };
    }

    /// <summary>The figures claims read from the step (call only when it <see cref="Counts"/>).</summary>
    public MeasuredStep ToMeasured(StepResult result) =>
        new(Spec.Name, result.Metrics, Loads.Select(l => (IReadOnlyDictionary<string, double>)l.Metrics).ToList());
}
