namespace Testbed.Proxy.Stats;

/// <summary>How a forwarded attempt failed; see <see cref="FailureCounts"/>.</summary>
internal enum FailureKind
{
    Refused,
    Timeout,
    Canceled,
    Other,
}
