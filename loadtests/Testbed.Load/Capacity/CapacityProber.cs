using Testbed.Load.Engine;
using Testbed.Load.Thresholds;

namespace Testbed.Load.Capacity;

/// <summary>
/// Runs one probe with the rate profile's engine: a warm-up run at the probe's rate (connections
/// opened, code paths hot; its results are discarded), then the measured run at the same rate. Each
/// run's hard stop is its duration plus the rate profile's 1 s backstop plus a grace of twice the SLO's largest latency limit (at least
/// 1 s): a request still in flight by then has broken any latency limit, and a probe that hits its
/// hard stop fails instead of waiting out a server's backlog.
/// </summary>
internal sealed class CapacityProber(RunSetup setup, IReadOnlyList<ThresholdExpression> slo, TimeSpan warmUp, TimeSpan duration,
    int maxInFlight, TimeProvider time)
{
    public TimeSpan Grace { get; } = TimeSpan.FromMilliseconds(Math.Max(1000, 2 * slo.Where(t => t.IsLatency).Select(t => t.Limit).DefaultIfEmpty(0).Max()));

    /// <summary>The least a probe takes: warm-up and measured run.</summary>
    public TimeSpan Estimate => warmUp + duration;

    /// <summary>Responses may fall this far short of the offered rate in the steady seconds ...</summary>
    public const double KeepUpTolerance = 0.03;

    /// <summary>... and the responses due in this long more (at least 2): a stall of the machine moves
    /// responses across the window's edges, which a one- or two-second window would take for overload.</summary>
    public static readonly TimeSpan KeepUpEdge = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Whether the target kept up: in the seconds of the measured run that lie wholly inside the
    /// sending window, after the first (connections, warm-up) and after the typical latency (the
    /// responses to the first second's requests are still due then), responses must arrive at the
    /// offered rate. A server past its capacity answers at its own rate and queues the rest, and a
    /// short probe can meet a latency SLO before the queue's wait has grown past it; this check
    /// catches that, so the answer does not overshoot by the SLO's limit over the probe length.
    /// Null when it kept up (or no such second exists), else why not.
    /// </summary>
    private string? KeptUp(IReadOnlyList<Stats.TimeSeriesPoint> series, double rate, double p50Seconds)
    {
        int first = Math.Max(2, 1 + (int)Math.Ceiling(p50Seconds));
        int last = (int)Math.Floor(duration.TotalSeconds);
        var steady = series.Where(p => p.Second >= first && p.Second <= last).ToList();
        if (steady.Count == 0) return null;
        double due = rate * steady.Count;
        long answered = steady.Sum(p => p.Completed + p.Non2xx + p.Failed);
        double edge = Math.Max(2, rate * KeepUpEdge.TotalSeconds);
        return answered >= due * (1 - KeepUpTolerance) - edge ? null
            : $"did not keep up: {answered} responses in seconds {first}–{last}, {due:0} due ({100.0 * answered / due:0.#}%)";
    }

    public async Task<CapacityProbe> ProbeAsync(double rate, CancellationToken interrupt)
    {
        long begin = time.GetTimestamp();
        long warmCompleted = 0;
        if (warmUp > TimeSpan.Zero && new RateProfile(rate, warmUp, maxInFlight) is { Hits: > 0 } warm)
        {
            var warmRun = await LoadRun.RunAsync(warm, setup with { HardStop = warmUp + TimeSpan.FromSeconds(1) + Grace }, time, interrupt).ConfigureAwait(false);
            warmCompleted = warmRun.Stats.Counts.Completed;
        }
        var profile = new RateProfile(rate, duration, maxInFlight);
        var (stats, _, _, seconds, interrupted) = await LoadRun.RunAsync(profile, setup with { HardStop = duration + TimeSpan.FromSeconds(1) + Grace }, time, interrupt)
            .ConfigureAwait(false);
        var c = stats.Counts;
        var results = ThresholdEvaluator.Evaluate(slo, stats, seconds);
        bool hardStopped = interrupted && !interrupt.IsCancellationRequested;
        var h = stats.Corrected ?? stats.Total;
        string? why = hardStopped ? "backlog not drained by the hard stop"
            : c.Dropped > 0 ? $"{c.Dropped} dropped (max in flight {maxInFlight} reached)"
            : results.FirstOrDefault(r => !r.Pass) is { } f ? $"{f.Expression} (measured {ThresholdReport.Measured(f)})"
            : KeptUp(stats.TimeSeries, rate, h.ValueAtPercentile(50) / 1e6);
        
        static double Ms(double us) => Math.Round(us / 1000.0, 3);
        return new CapacityProbe(rate, seconds > 0 ? Math.Round(c.Completed / seconds, 2) : 0, Math.Round(time.GetElapsedTime(begin).TotalSeconds, 3),
            c.Started, c.Completed, c.Failed + c.Non2xx, c.Dropped,
            Ms(h.ValueAtPercentile(50)), Ms(h.ValueAtPercentile(90)), Ms(h.ValueAtPercentile(99)), Ms(h.ValueAtPercentile(99.9)),
            Ms(h.Count == 0 ? 0 : h.MaxMicros), results, why is null, why)
        { Statistics = stats, MeasuredSeconds = seconds, WarmUpCompleted = warmCompleted };
    }
}
