namespace Testbed.Suite.Claims;

/// <summary>Where a claim's references (<c>step.metric</c>, <c>param.name</c>) get their values.</summary>
internal interface IMetricSource
{
    bool TryGet(string scope, string metric, out double value);
}
