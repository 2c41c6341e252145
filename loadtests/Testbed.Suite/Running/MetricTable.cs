using System.Globalization;
using Testbed.Suite.Claims;
using Testbed.Suite.Experiments;

namespace Testbed.Suite.Running;

/// <summary>
/// The figures claims read: each step's metrics, <c>param.*</c> from the run's parameter set and
/// <c>machine.*</c> from <see cref="MachineFacts"/>.
/// </summary>
internal sealed class MetricTable(IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, double>? machine = null) : IMetricSource
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, double>> _steps = [];

    public void Set(string step, IReadOnlyDictionary<string, double> metrics) => _steps[step] = metrics;

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
