using Testbed.Suite.Claims;

namespace Testbed.Suite.Measurement;

/// <summary>
/// The figures a claim can name for a step (<c>step.metric</c>), computed from the run JSON and the
/// server cost. Latencies are milliseconds of the total time (connect to last byte).
/// </summary>
internal static class StepMetrics
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["rps"] = "completed requests per second (completed / duration)",
        ["completed"] = "requests completed with 2xx/3xx",
        ["started"] = "requests started",
        ["failed"] = "requests failed (connect, receive, timeout, length, malformed)",
        ["non2xx"] = "responses with another status",
        ["dropped"] = "requests not sent (open model, max in flight reached)",
        ["errors"] = "failed + non2xx",
        ["errorRate"] = "errors / started",
        ["duration"] = "seconds the load ran",
        ["mean"] = "mean latency, ms (ab's 'time per request')",
        ["meanAcross"] = "duration / completed, ms (ab's 'across all concurrent requests')",
        ["min"] = "minimum latency, ms",
        ["max"] = "maximum latency, ms",
        ["stdev"] = "latency standard deviation, ms",
        ["p50"] = "median latency, ms",
        ["p66"] = "66th percentile, ms",
        ["p75"] = "75th percentile, ms",
        ["p80"] = "80th percentile, ms",
        ["p90"] = "90th percentile, ms",
        ["p95"] = "95th percentile, ms",
        ["p98"] = "98th percentile, ms",
        ["p99"] = "99th percentile, ms",
        ["p999"] = "99.9th percentile, ms",
        ["connectMean"] = "mean connect time, ms",
        ["waitingMean"] = "mean time to first byte, ms",
        ["correctedP99"] = "p99 corrected for coordinated omission (rate profile), ms",
        ["peakRps"] = "highest 3-second average of the per-second rps",
        ["sustainedRps"] = "90th percentile of the per-second rps: a rate reached in at least a tenth of the run's full seconds, which one burst second cannot set",
        ["kneeSecond"] = "first second where the 3-second average rps reaches 90% of peakRps (where TPS stops growing)",
        ["maxErrorsPerSecond"] = "highest errors in one second",
        ["servedBy"] = "distinct X-Served-By values seen",
        ["cpuMs"] = "server CPU time during the load, ms (target and the roles behind it)",
        ["cpuMsPerRequest"] = "cpuMs / completed (a capacity step: / the requests completed over the whole search, warm-ups included)",
        ["throttledMs"] = "time the CPU-limited roles were throttled, ms (cgroup v1 sums it over CPUs, so it can exceed the duration)",
        ["fdsBefore"] = "open descriptors of the target before the load",
        ["fdsAfter"] = "open descriptors of the target after the load (TCP targets: once settled, up to 20 s)",
        ["alive"] = "1 when the target was still running after the load",
        ["generators"] = "testbed-load processes that shared the load (the step's generators)",
        ["generatorCpuMs"] = "CPU time of all generators while the load ran, ms (user + system; older records: over each process's life)",
        ["generatorCpuMsPerRequest"] = "generatorCpuMs / completed",
        ["generatorMaxCores"] = "the busiest generator's CPU / the load's duration: near 1 (or its share of a shared core), the generator set the pace",
        ["capacity"] = "capacity step: the highest offered rate that met the SLO, req/s (the bracket's low end; NaN if none did)",
        ["capacityLow"] = "capacity step: the bracket's low end, req/s (= capacity)",
        ["capacityHigh"] = "capacity step: the lowest offered rate that failed the SLO, req/s (NaN if none failed)",
        ["capacityProbes"] = "capacity step: probes the search ran",
        ["capacitySeconds"] = "capacity step: seconds the whole search took",
        ["rpsMin"] = "lowest rps of the step's runs (repeats, rounds)",
        ["rpsMax"] = "highest rps of the step's runs",
        ["cpuMsPerRequestMin"] = "lowest cpuMsPerRequest of the step's runs",
        ["cpuMsPerRequestMax"] = "highest cpuMsPerRequest of the step's runs",
    };

    /// <summary>Per-role figures, named <c>step.role.metric</c> in claims: one role's share of the server cost.</summary>
    public static readonly IReadOnlySet<string> RoleMetrics = new HashSet<string> { "cpuMs", "cpuMsPerRequest", "throttledMs", "fdsBefore", "fdsAfter", "alive" };

    public static IEnumerable<string> Known => Descriptions.Keys;

    public static bool IsKnown(string metric) => Descriptions.ContainsKey(metric);

    public static Dictionary<string, double> Compute(RunRecordDocument run, IReadOnlyList<RoleCost> costs, string targetRole)
    {
        var total = run.Latency.Total;
        var errors = run.Counts.Failed + run.Counts.Non2xx;
        var (peak, knee) = PeakAndKnee(run.TimeSeries, run.Rps);
        var target = costs.FirstOrDefault(c => c.Role == targetRole);
        var cpu = SumKnown(costs.Select(c => c.CpuMs));
        // A capacity step's server cost spans the whole search; its requests are the search's, not
        // just those of the probe whose figures the record carries.
        var requests = run.Capacity?.SearchCompleted ?? run.Counts.Completed;
        var metrics = new Dictionary<string, double>
        {
            ["rps"] = run.Rps,
            ["completed"] = run.Counts.Completed,
            ["started"] = run.Counts.Started,
            ["failed"] = run.Counts.Failed,
            ["non2xx"] = run.Counts.Non2xx,
            ["dropped"] = run.Counts.Dropped,
            ["errors"] = errors,
            ["errorRate"] = run.Counts.Started > 0 ? (double)errors / run.Counts.Started : 0,
            ["duration"] = run.DurationSeconds,
            ["mean"] = total.MeanMs,
            ["meanAcross"] = run.Counts.Completed > 0 ? run.DurationSeconds * 1000 / run.Counts.Completed : double.NaN,
            ["min"] = total.MinMs,
            ["max"] = total.MaxMs,
            ["stdev"] = total.StdevMs,
            ["p50"] = total.P50Ms,
            ["p66"] = total.P66Ms,
            ["p75"] = total.P75Ms,
            ["p80"] = total.P80Ms,
            ["p90"] = total.P90Ms,
            ["p95"] = total.P95Ms,
            ["p98"] = total.P98Ms,
            ["p99"] = total.P99Ms,
            ["p999"] = total.P999Ms,
            ["connectMean"] = run.Latency.Connect?.MeanMs ?? double.NaN,
            ["waitingMean"] = run.Latency.Waiting?.MeanMs ?? double.NaN,
            ["correctedP99"] = run.Latency.Corrected?.P99Ms ?? double.NaN,
            ["peakRps"] = peak,
            ["sustainedRps"] = SustainedRps(run.TimeSeries, run.Rps),
            ["kneeSecond"] = knee,
            ["maxErrorsPerSecond"] = run.TimeSeries.Count > 0 ? run.TimeSeries.Max(p => p.Failed + p.Non2xx) : errors,
            ["servedBy"] = run.ServedBy.Count,
            ["cpuMs"] = cpu,
            ["cpuMsPerRequest"] = requests > 0 ? cpu / requests : double.NaN,
            ["throttledMs"] = SumKnown(costs.Select(c => c.ThrottledMs)),
            ["fdsBefore"] = target?.FdsBefore ?? double.NaN,
            ["fdsAfter"] = target?.FdsAfter ?? double.NaN,
            ["alive"] = target is null ? double.NaN : target.Alive ? 1 : 0,
        };
        AddGenerators(metrics, run, costs);
        AddCapacity(metrics, run.Capacity);
        // One run is its own spread; Median widens it over several.
        foreach (var spread in new[] { "rps", "cpuMsPerRequest" })
        {
            metrics[spread + "Min"] = metrics[spread];
            metrics[spread + "Max"] = metrics[spread];
        }

        foreach (var cost in costs)
        {
            metrics[$"{cost.Role}.cpuMs"] = cost.CpuMs;
            metrics[$"{cost.Role}.cpuMsPerRequest"] = requests > 0 ? cost.CpuMs / requests : double.NaN;
            metrics[$"{cost.Role}.throttledMs"] = cost.ThrottledMs;
            metrics[$"{cost.Role}.fdsBefore"] = cost.FdsBefore;
            metrics[$"{cost.Role}.fdsAfter"] = cost.FdsAfter;
            metrics[$"{cost.Role}.alive"] = cost.Alive ? 1 : 0;
        }

        return metrics;
    }

    /// <summary>The search's answer, NaN for a step of another profile (a claim on it is then not evaluated).</summary>
    private static void AddCapacity(Dictionary<string, double> metrics, CapacityDocument? capacity)
    {
        metrics["capacity"] = capacity?.Answer ?? double.NaN;
        metrics["capacityLow"] = capacity?.Bracket.Low ?? double.NaN;
        metrics["capacityHigh"] = capacity?.Bracket.High ?? double.NaN;
        metrics["capacityProbes"] = capacity?.Probes.Count ?? double.NaN;
        metrics["capacitySeconds"] = capacity?.SearchSeconds ?? double.NaN;
    }

    /// <summary>
    /// The generators' own cost, from the CPU each wrote into the (merged) record: while the load
    /// ran, over the run's duration. Records that give only the whole process's CPU are read over
    /// the wall time the suite measured around the load (start-up in both), or the run's duration.
    /// </summary>
    private static void AddGenerators(Dictionary<string, double> metrics, RunRecordDocument run, IReadOnlyList<RoleCost> costs)
    {
        var generators = run.Generators ?? [];
        var cpu = generators.Count > 0 && generators.All(g => !double.IsNaN(g.BestCpuMs())) ? generators.Select(g => g.BestCpuMs()).ToList() : null;
        var wallMs = generators.All(g => g.LoadCpuSeconds is not null)
            ? run.DurationSeconds * 1000
            : costs.Select(c => c.WallMs).FirstOrDefault(w => w > 0, run.DurationSeconds * 1000);
        metrics["generators"] = Math.Max(1, generators.Count);
        metrics["generatorCpuMs"] = cpu?.Sum() ?? double.NaN;
        var requests = run.Capacity?.SearchCompleted ?? run.Counts.Completed;
        metrics["generatorCpuMsPerRequest"] = cpu is not null && requests > 0 ? cpu.Sum() / requests : double.NaN;
        metrics["generatorMaxCores"] = cpu is not null && wallMs > 0 ? cpu.Max() / wallMs : double.NaN;
    }

    /// <summary>
    /// Peak of the 3-second moving average (one noisy second is not a peak), and the first second
    /// at which that average reaches 90% of the peak: the knee where adding users stops adding TPS.
    /// Full seconds only (<see cref="FullSeconds"/>).
    /// </summary>
    public static (double Peak, double Knee) PeakAndKnee(IReadOnlyList<TimeSeriesPointDocument> all, double fallbackRps)
    {
        var series = FullSeconds(all);
        if (series.Count == 0)
        {
            return (fallbackRps, double.NaN);
        }

        var smoothed = new double[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            var from = Math.Max(0, i - 1);
            var to = Math.Min(series.Count - 1, i + 1);
            var sum = 0.0;
            for (var j = from; j <= to; j++)
            {
                sum += series[j].Rps;
            }

            smoothed[i] = sum / (to - from + 1);
        }

        var peak = smoothed.Max();
        var kneeIndex = Array.FindIndex(smoothed, v => v >= 0.9 * peak);
        return (peak, series[Math.Max(0, kneeIndex)].Second);
    }

    /// <summary>
    /// The 90th percentile (nearest rank) of the full seconds' rps. The peak is the extreme of the
    /// series and grows with its length: in a 600 s run one backend's best 3 s read 2968 req/s while
    /// nine seconds in ten stayed under 2296. A claim about the capacity a set-up holds reads this.
    /// </summary>
    public static double SustainedRps(IReadOnlyList<TimeSeriesPointDocument> all, double fallbackRps)
    {
        var rates = FullSeconds(all).Select(p => p.Rps).Order().ToList();
        return rates.Count == 0 ? fallbackRps : rates[(int)Math.Ceiling(0.9 * rates.Count) - 1];
    }

    /// <summary>
    /// The seconds that ran whole. A partial second (the run's last, rps = completed / its length) is
    /// left out: at the end of a users run the requests in flight all complete within a few ms,
    /// which reads as thousands of requests per second (200 responses in 63 ms: 3177 req/s against
    /// 1200 in full seconds).
    /// </summary>
    private static List<TimeSeriesPointDocument> FullSeconds(IReadOnlyList<TimeSeriesPointDocument> all) =>
        all.Where(p => p.Rps <= p.Completed + 0.01).ToList();

    /// <summary>
    /// What went wrong in a step is what went wrong in its worst run, not in its median one: a failed
    /// request in one round of five is a failed request. So these keep the worst run's value (the
    /// most errors, the most descriptors left, a target that died: alive 0) where every other metric
    /// keeps the median.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, Func<IEnumerable<double>, double>> WorstRun = new Dictionary<string, Func<IEnumerable<double>, double>>
    {
        ["failed"] = Enumerable.Max,
        ["non2xx"] = Enumerable.Max,
        ["dropped"] = Enumerable.Max,
        ["errors"] = Enumerable.Max,
        ["errorRate"] = Enumerable.Max,
        ["maxErrorsPerSecond"] = Enumerable.Max,
        ["fdsAfter"] = Enumerable.Max,
        ["alive"] = Enumerable.Min,
    };

    /// <summary>
    /// A step measured several times: each metric is the median over the runs (NaN-free ones), so
    /// that one slow or lucky run moves no verdict, except the failure counts, which keep the worst
    /// run's (<see cref="WorstRun"/>); min and max of rps and CPU per request give the spread.
    /// </summary>
    public static Dictionary<string, double> Median(IReadOnlyList<Dictionary<string, double>> runs)
    {
        var median = new Dictionary<string, double>();
        foreach (var key in runs.SelectMany(r => r.Keys).Distinct())
        {
            var values = runs.Select(r => r.GetValueOrDefault(key, double.NaN)).Where(v => !double.IsNaN(v)).Order().ToList();
            var worst = WorstRun.GetValueOrDefault(key.Contains('.') ? key[(key.LastIndexOf('.') + 1)..] : key);
            median[key] = worst is not null && values.Count > 0 ? worst(values) : Claims.Median.Of(values);
        }

        foreach (var key in new[] { "rps", "cpuMsPerRequest" })
        {
            var values = runs.Select(r => r.GetValueOrDefault(key, double.NaN)).Where(v => !double.IsNaN(v)).ToList();
            median[key + "Min"] = values.Count == 0 ? double.NaN : values.Min();
            median[key + "Max"] = values.Count == 0 ? double.NaN : values.Max();
        }

        return median;
    }

    private static double SumKnown(IEnumerable<double> values)
    {
        var known = values.Where(v => !double.IsNaN(v)).ToList();
        return known.Count == 0 ? double.NaN : known.Sum();
    }

    public static string Format(string metric, double value) => NumberFormat.Short(value);
}
