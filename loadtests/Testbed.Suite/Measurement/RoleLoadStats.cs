namespace Testbed.Suite.Measurement;

/// <summary>
/// What a role's own stats say about one load, from a reading before and one after it: its cap of
/// slots (0 = none, null = it reports none), the mean busy slots and mean queue length over the
/// load (Δintegral ÷ the run's duration: the requests were all in flight inside it), the cgroup's
/// CPU periods and those throttled, throttled time, and the quota the role sees. NaN where unknown.
/// </summary>
internal sealed record RoleLoadStats
{
    public required string Role { get; init; }

    public int? Slots { get; init; }

    /// <summary>Mean requests in flight (busy slots; a balancer's open requests; a TCP server's open connections).</summary>
    public double AvgBusy { get; init; } = double.NaN;

    /// <summary>Mean requests waiting for a slot.</summary>
    public double AvgQueued { get; init; } = double.NaN;

    public double Periods { get; init; } = double.NaN;

    public double ThrottledPeriods { get; init; } = double.NaN;

    public double ThrottledMs { get; init; } = double.NaN;

    public double QuotaCores { get; init; } = double.NaN;

    /// <summary>
    /// Mean cores the role's threads waited for (their summed run-queue wait ÷ duration); judged
    /// only beside CPU used (<see cref="LimitThresholds.CpuBusyWithWait"/>), since threads woken
    /// together each count their wait.
    /// </summary>
    public double WaitCores { get; init; } = double.NaN;

    /// <summary>A TCP server's time spent starting children over the load, ms.</summary>
    public double ChildSpawnMs { get; init; } = double.NaN;

    /// <summary>Periods throttled ÷ all periods: the share of the quota's periods in which the role wanted more CPU.</summary>
    public double ThrottledShare => Periods > 0 ? ThrottledPeriods / Periods : double.NaN;

    /// <summary>The figures between two readings over a load of <paramref name="durationMs"/>.</summary>
    public static RoleLoadStats Between(string role, RoleStatsReading before, RoleStatsReading after, double durationMs) => new()
    {
        Role = role,
        Slots = after.Slots,
        AvgBusy = Mean(before.BusyMs, after.BusyMs, durationMs),
        AvgQueued = Mean(before.QueuedMs, after.QueuedMs, durationMs),
        Periods = Delta(before.NrPeriods, after.NrPeriods),
        ThrottledPeriods = Delta(before.NrThrottled, after.NrThrottled),
        ThrottledMs = Delta(before.ThrottledMs, after.ThrottledMs),
        QuotaCores = after.QuotaCores ?? double.NaN,
        ChildSpawnMs = Delta(before.ChildSpawnMs, after.ChildSpawnMs),
        WaitCores = Mean(before.RunQueueWaitMs, after.RunQueueWaitMs, durationMs),
    };

    private static double Mean(double? before, double? after, double durationMs) =>
        before is { } b && after is { } a && durationMs > 0 ? (a - b) / durationMs : double.NaN;

    private static double Delta(double? before, double? after) => before is { } b && after is { } a ? a - b : double.NaN;
}
