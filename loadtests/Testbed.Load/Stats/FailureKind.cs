namespace Testbed.Load.Stats;

/// <summary>Why a request failed. Names in reports come from <see cref="FailureKinds"/>.</summary>
internal enum FailureKind : byte
{
    None,
    ConnectRefused,
    ConnectTimeout,
    Receive,
    ResponseTimeout,
    Length,
    Malformed,
    /// <summary>Cut off by Ctrl-C or the run's hard stop before it could end on its own.</summary>
    Aborted,
}
