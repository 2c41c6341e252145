using Testbed.Load.Stats;

namespace Testbed.Load.Thresholds;

/// <summary>
/// --abort-on-fail: watches the per-second figures while the run goes and stops it (through
/// <paramref name="abort"/>, which cuts off requests in flight as "aborted", as Ctrl-C does) once a
/// threshold has broken for good:
/// - max / max_raw below a limit: one response over it (the corrected latency is never below the
///   measured one, so a measured breach breaks the corrected max too);
/// - error_count: the count reached the limit (it only grows);
/// - error_rate: the rate over the last <see cref="WindowSeconds"/> seconds broke it (at least
///   <see cref="MinWindowRequests"/> requests in the window, so one early error does not end a run);
/// - p50, p95, p99 (measured or corrected): every one of the last <see cref="WindowSeconds"/> seconds broke it.
/// Other thresholds (mean, other percentiles, rps, lower bounds) are judged at the end only.
/// Called on the aggregator's thread, once per second.
/// </summary>
internal sealed class AbortMonitor(IReadOnlyList<ThresholdExpression> thresholds, Action abort)
{
    public const int WindowSeconds = 5;
    public const int MinWindowRequests = 20;

    private readonly Queue<(long Requests, long Errors, double P50, double P95, double P99)> _window = new();
    private long _lastCompleted, _lastErrors;

    /// <summary>The threshold that stopped the run, if one did.</summary>
    public ThresholdExpression? Broken { get; private set; }

    public void Observe(ProgressSnapshot s)
    {
        if (Broken is not null) return;
        long completed = s.Completed - _lastCompleted, errors = s.Errors - _lastErrors;
        _lastCompleted = s.Completed;
        _lastErrors = s.Errors;
        bool answered = completed + errors > 0;
        _window.Enqueue((completed + errors, errors, answered ? s.P50Ms : double.NaN, answered ? s.P95Ms : double.NaN, answered ? s.P99Ms : double.NaN));
        while (_window.Count > WindowSeconds) _window.Dequeue();

        foreach (var t in thresholds)
        {
            if (!t.IsUpperBound || !BrokenFor(t, s)) continue;
            Broken = t;
            abort();
            return;
        }
    }

    private bool BrokenFor(ThresholdExpression t, ProgressSnapshot s)
    {
        switch (t.Metric)
        {
            case ThresholdMetric.Max:
                return s.MaxMs > 0 && !t.Holds(s.MaxMs);
            case ThresholdMetric.ErrorCount:
                return !t.Holds(s.Errors);
            case ThresholdMetric.ErrorRate:
                long requests = _window.Sum(w => w.Requests);
                return requests >= MinWindowRequests && !t.Holds(100.0 * _window.Sum(w => w.Errors) / requests);
            case ThresholdMetric.Percentile when t.Percentile is 50 or 95 or 99 && _window.Count == WindowSeconds:
                // Per-second percentiles are of measured latency; the corrected one is never lower.
                return _window.All(w => !double.IsNaN(w.P50) && !t.Holds(t.Percentile switch { 50 => w.P50, 95 => w.P95, _ => w.P99 }));
            default:
                return false;
        }
    }
}
