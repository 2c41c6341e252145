using System.Globalization;
using Testbed.Suite.Claims;
using Testbed.Suite.Experiments;

namespace Testbed.Suite.Running;

/// <summary>The figures claims read: each step's metrics, and <c>param.*</c> from the run's parameter set.</summary>
internal sealed class MetricTable(IReadOnlyDictionary<string, string> parameters) : IMetricSource
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

        return _steps.TryGetValue(scope, out var metrics) && metrics.TryGetValue(metric, out value);
    }
}
