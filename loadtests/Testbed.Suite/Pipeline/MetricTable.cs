using System.Globalization;
using Testbed.Suite.Claims;
using Testbed.Suite.Experiments;
using Testbed.Suite.Measurement;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// The figures claims read: each step's metrics, <c>param.*</c> from the run's parameter set and
/// <c>machine.*</c> from <see cref="MachineFacts"/>.
/// </summary>
internal sealed class MetricTable(IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, double>? machine = null) : IMetricSource
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, double>> _steps = [];
    private readonly Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, double>>> _runs = [];

    /// <summary>The table of a run's parameter set and machine with the figures of <paramref name="steps"/>.</summary>
    public static MetricTable Of(IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, double>? machine, IEnumerable<MeasuredStep> steps)
    {
        var table = new MetricTable(parameters, machine);
        foreach (var step in steps)
        {
            table.Set(step.Name, step.Metrics);
            table.SetRuns(step.Name, step.Runs);
        }

        return table;
    }

    public void Set(string step, IReadOnlyDictionary<string, double> metrics) => _steps[step] = metrics;

    /// <summary>The step's runs in order (round 1 first), for <c>paired(a, b)</c>.</summary>
    public void SetRuns(string step, IReadOnlyList<IReadOnlyDictionary<string, double>> runs) => _runs[step] = runs;

    public bool TryGetRuns(string scope, string metric, out IReadOnlyList<double> values)
    {
        values = _runs.TryGetValue(scope, out var runs) ? runs.Select(r => r.GetValueOrDefault(metric, double.NaN)).ToList() : [];
        return values.Count > 0;
    }

    public bool TryGet(string scope, string metric, out double value)
    {
        value = double.NaN;
        if (scope == ScopeNames.Param)
        {
            return parameters.TryGetValue(metric, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        if (scope == ScopeNames.Machine)
        {
            return machine is not null && machine.TryGetValue(metric, out value);
        }

        return _steps.TryGetValue(scope, out var metrics) && metrics.TryGetValue(metric, out value);
    }
}
