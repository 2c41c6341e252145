namespace Testbed.Suite.Claims;

/// <summary>Where a claim's references (<c>step.metric</c>, <c>param.name</c>) get their values.</summary>
internal interface IMetricSource
{
    bool TryGet(string scope, string metric, out double value);

    /// <summary>A step's metric in each of its runs, in run order (round 1 first); false where runs are not kept.</summary>
    bool TryGetRuns(string scope, string metric, out IReadOnlyList<double> values)
    {
        values = [];
        return false;
    }
}
