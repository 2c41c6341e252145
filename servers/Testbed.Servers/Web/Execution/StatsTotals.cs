namespace Testbed.Servers.Web.Execution;

/// <summary>
/// One reading of the /stats counters (one worker's or the sum over workers). <see cref="BusyMs"/>
/// and <see cref="QueuedMs"/> are the integrals of in-flight and queued requests over time, in
/// request-milliseconds, up to the moment of the reading.
/// </summary>
internal sealed record StatsTotals(long Served, long Dropped, long InFlight, long Queued, double BusyMs, double QueuedMs)
{
    public StatsTotals Plus(StatsTotals other) => new(
        Served + other.Served,
        Dropped + other.Dropped,
        InFlight + other.InFlight,
        Queued + other.Queued,
        BusyMs + other.BusyMs,
        QueuedMs + other.QueuedMs);
}
