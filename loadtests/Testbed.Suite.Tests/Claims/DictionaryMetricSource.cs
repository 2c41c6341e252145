using Testbed.Suite.Claims;

namespace Testbed.Suite.Tests.Claims;

/// <summary>Figures for expression tests: "c1.rps" → value.</summary>
internal sealed class DictionaryMetricSource(Dictionary<string, double> values) : IMetricSource
{
    public bool TryGet(string scope, string metric, out double value) => values.TryGetValue($"{scope}.{metric}", out value);
}
