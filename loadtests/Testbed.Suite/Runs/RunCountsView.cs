namespace Testbed.Suite.Runs;

internal sealed record RunCountsView
{
    public long Started { get; init; }

    public long Completed { get; init; }

    public long Non2xx { get; init; }

    public long Failed { get; init; }

    public long Dropped { get; init; }

    public Dictionary<string, long> FailedByKind { get; init; } = [];

    public bool AddsUp { get; init; }
}
