namespace Testbed.Proxy.Stats;

/// <summary>
/// Failed attempts by kind: <see cref="Refused"/> the connection was not accepted (nothing reached
/// the backend: a stopped backend or a full accept queue), <see cref="Timeout"/> no answer in time,
/// <see cref="Canceled"/> the client went away first, <see cref="Other"/> anything else (a reset
/// mid-response, a malformed answer).
/// </summary>
internal sealed record FailureCounts(long Refused, long Timeout, long Canceled, long Other);
