namespace Testbed.Load.Stats;

/// <summary>
/// How the started requests ended. <see cref="Dropped"/> counts requests never sent (the open model's
/// max-in-flight cap) and is not part of <see cref="Started"/>.
/// </summary>
internal sealed record RunCounts(
    long Started, long Completed, long Non2xx, long Failed, long Dropped,
    IReadOnlyDictionary<string, long> FailedByKind, long KeepAliveRequests)
{
    public bool AddsUp => Started == Completed + Non2xx + Failed;
    public long FailedOf(string kind) => FailedByKind.TryGetValue(kind, out var n) ? n : 0;
}
