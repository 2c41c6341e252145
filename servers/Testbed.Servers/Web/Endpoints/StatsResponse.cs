using Testbed.Common;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// The <c>/stats</c> answer for this process. <see cref="Threads"/> is the mode's cap (null for
/// async); <see cref="Worker"/> is the slot under a supervisor (0 when unsupervised).
/// <see cref="Process"/> is the whole server's CPU, descriptors and cgroup throttling: under a
/// supervisor, every worker answers for the supervisor and all its workers, since a request for
/// /stats reaches whichever worker the kernel picks. For the same reason <see cref="Served"/>,
/// <see cref="InFlight"/>, <see cref="Queued"/>, <see cref="Dropped"/>, <see cref="BusyMs"/> and
/// <see cref="QueuedMs"/> are sums over all workers; <see cref="PeakInFlight"/> is this process's.
/// <see cref="Slots"/> is the whole server's cap (workers × threads, 0 for no cap);
/// <see cref="BusyMs"/> and <see cref="QueuedMs"/> are the integrals over time of in-flight and
/// queued requests, in request-milliseconds since start: Δ ÷ Δtime between two readings is the mean.
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
    long UptimeMs,
    ProcessFigures Process,
    int Slots,
    double BusyMs,
    double QueuedMs);
