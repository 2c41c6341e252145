using Testbed.Suite.Experiments;
using Testbed.Suite.Results;
using Testbed.Suite.Runs;

namespace Testbed.Suite.Running;

/// <summary>One step's state across the experiment's interleaved rounds: what it loads and the runs measured so far.</summary>
internal sealed class StepRuns(StepSpec spec, StepResult result, List<string> measured, string url, List<string> args)
{
    public StepSpec Spec { get; } = spec;

    public StepResult Result { get; } = result;

    /// <summary>The step's target, the roles its command line points at, and its "measure" roles.</summary>
    public List<string> Measured { get; } = measured;

    public string Url { get; } = url;

    public List<string> Args { get; } = args;

    public List<(RunRecordDocument Run, List<RoleCost> Costs, Dictionary<string, double> Metrics, string Command, List<GeneratorCost> Generators)> Runs { get; } = [];

    /// <summary>No more runs: a role it needs died (the step is not evaluated).</summary>
    public bool Done => Result.NotEvaluated is not null;
}
