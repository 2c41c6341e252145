using Testbed.Common;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// The <c>/stats</c> answer for this process. <see cref="Threads"/> is the mode's cap (null for
/// async); <see cref="Worker"/> is the slot under a supervisor (0 when unsupervised).
/// <see cref="Process"/> is the whole server's CPU, descriptors and cgroup throttling: under a
/// supervisor, every worker answers for the supervisor and all its workers, since a request for
/// /stats reaches whichever worker the kernel picks.
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
    ProcessFigures Process);
