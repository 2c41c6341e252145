namespace Testbed.Load.Stats;

/// <summary>
/// The plain record the engine produces for each request (or, with <see cref="IsTick"/>, a once-a-second
/// gauge sample from the run's ticker). <see cref="KeptAlive"/>: the connection stayed open for the
/// next request (ab's "Keep-Alive requests"). Times are microseconds; timestamps are
/// <see cref="System.Diagnostics.Stopwatch"/> ticks of the run's time provider. A struct so that
/// sending one through the channel allocates nothing.
/// </summary>
internal readonly record struct RequestResult(
    RequestOutcome Outcome,
    FailureKind Failure,
    long EndTimestamp,
    long ConnectMicros,
    long WaitingMicros,
    long TotalMicros,
    long CorrectedMicros,
    long Bytes,
    long BodyBytes,
    bool KeptAlive,
    string? ServedBy)
{
    public bool IsTick { get; init; }
    public int Users { get; init; }
    public int InFlight { get; init; }

    public static RequestResult Tick(long timestamp, int users, int inFlight) =>
        new(RequestOutcome.Completed, FailureKind.None, timestamp, 0, 0, 0, -1, 0, 0, false, null)
        { IsTick = true, Users = users, InFlight = inFlight };
}
