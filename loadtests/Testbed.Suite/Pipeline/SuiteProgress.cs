using Testbed.Suite.Claims;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Progress on the console: which experiment, which step, and time left, estimated from each
/// step's estimateSeconds (an expression over the run's parameters) and corrected as steps finish.
/// </summary>
internal sealed class SuiteProgress(TextWriter output, TimeProvider time)
{
    private readonly Dictionary<string, double> _futureExperiments = [];
    private string _experiment = "";
    private int _index;
    private int _total;
    private double _currentRemaining;

    public void Plan(IEnumerable<ExperimentPlan> plans)
    {
        foreach (var plan in plans)
        {
            _futureExperiments[plan.File.Id] = plan.EstimateSeconds();
        }

        _total = _futureExperiments.Count;
        output.WriteLine($"suite: {_total} experiment(s), estimated {NumberFormat.Duration(_futureExperiments.Values.Sum())}");
    }

    public void BeginExperiment(ExperimentPlan plan)
    {
        _index++;
        _experiment = plan.File.Id;
        _currentRemaining = _futureExperiments.GetValueOrDefault(plan.File.Id, plan.EstimateSeconds());
        _futureExperiments.Remove(plan.File.Id);
        output.WriteLine();
        output.WriteLine($"[{_experiment} {_index}/{_total}] {plan.File.Name}: {plan.File.Title} ({plan.Mode}; ~{NumberFormat.Duration(Remaining)} left in the suite)");
    }

    public void Info(string message) => output.WriteLine($"  {message}");

    public void StepStarting(string step, int repetition, int repetitions, string commandLine)
    {
        var rep = repetitions > 1 ? $" ({repetition}/{repetitions})" : "";
        output.WriteLine($"  [{time.GetLocalNow():HH:mm:ss}] step {step}{rep}, ~{NumberFormat.Duration(Remaining)} left: {commandLine}");
    }

    public void StepDone(double estimatedSeconds, string summary)
    {
        _currentRemaining = Math.Max(0, _currentRemaining - estimatedSeconds);
        output.WriteLine($"    {summary}");
    }

    public void EndExperiment(string status, double seconds)
    {
        _currentRemaining = 0;
        output.WriteLine($"  {_experiment} {status} in {NumberFormat.Duration(seconds)}");
    }

    private double Remaining => _currentRemaining + _futureExperiments.Values.Sum();
}
