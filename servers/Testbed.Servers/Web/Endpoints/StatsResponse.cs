namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// The <c>/stats</c> answer for this process. <see cref="Threads"/> is the mode's cap (null for
/// async); <see cref="Worker"/> is the slot under a supervisor (0 when unsupervised).
/// </summary>
internal sealed record StatsResponse(
    int Pid,
    string Hostname,
    string Mode,
    int? Threads,
    int Workers,
    int Worker,
    long Served,
    int InFlight,
    int PeakInFlight,
    int Queued,
    long Dropped,
    int ThreadPoolThreads,
    long UptimeMs);
