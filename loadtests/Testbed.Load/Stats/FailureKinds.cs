namespace Testbed.Load.Stats;

/// <summary>The names of failure kinds, used identically in JSON, CSV and text reports.</summary>
internal static class FailureKinds
{
    public const string ConnectRefused = "connectRefused";
    public const string ConnectTimeout = "connectTimeout";
    public const string Receive = "receive";
    public const string ResponseTimeout = "responseTimeout";
    public const string Length = "length";
    public const string Malformed = "malformed";
    public const string Aborted = "aborted";

    /// <summary>Every failure kind in report order.</summary>
    public static readonly IReadOnlyList<(FailureKind Kind, string Name)> All =
    [
        (FailureKind.ConnectRefused, ConnectRefused),
        (FailureKind.ConnectTimeout, ConnectTimeout),
        (FailureKind.Receive, Receive),
        (FailureKind.ResponseTimeout, ResponseTimeout),
        (FailureKind.Length, Length),
        (FailureKind.Malformed, Malformed),
        (FailureKind.Aborted, Aborted),
    ];
}
