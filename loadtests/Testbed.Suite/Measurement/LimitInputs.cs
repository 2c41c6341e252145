using System.Globalization;
using System.Text.Json;

namespace Testbed.Suite.Measurement;

/// <summary>
/// Everything <see cref="LimitClassifier"/> reads about one load, as plain figures (NaN: unknown),
/// so that the classifier is a pure function a test can feed by hand. <see cref="From"/> gathers
/// them from a <see cref="MeasuredLoad"/>: the run record (rate, latency, counts, time series, the
/// generator's diagnosis), the roles' costs and their own stats.
/// </summary>
internal sealed record LimitInputs
{
    /// <summary>ab, users, threads (closed models) or rate (open).</summary>
    public required string Profile { get; init; }

    public double Rps { get; init; }

    public double MeanMs { get; init; }

    public long Completed { get; init; }

    public long Failed { get; init; }

    public long Non2xx { get; init; }

    public IReadOnlyDictionary<string, long> FailedByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Closed model: the mean of the seconds' active users (connections, threads), weighted by the time each covers.</summary>
    public double Users { get; init; } = double.NaN;

    /// <summary>The generator's mean requests in flight over the run's seconds.</summary>
    public double InFlight { get; init; } = double.NaN;

    /// <summary>Mean think time drawn, ms (0 without think time).</summary>
    public double ThinkMs { get; init; }

    public double IntendedRps { get; init; } = double.NaN;

    public double AchievedRps { get; init; } = double.NaN;

    public long LateStarts { get; init; }

    public long DroppedStarts { get; init; }

    /// <summary>The busiest generator's CPU ÷ duration ÷ the cores it may use (1 = saturated).</summary>
    public double GeneratorShare { get; init; } = double.NaN;

    public double GeneratorCores { get; init; } = double.NaN;

    /// <summary>The generator's CPU plus its threads' run-queue wait, ÷ duration ÷ its cores: what it wanted (a starved generator wants more than it gets).</summary>
    public double GeneratorDemand { get; init; } = double.NaN;

    /// <summary>The generator's own "generator" warning (its diagnosis), when it gave one.</summary>
    public string? GeneratorWarning { get; init; }

    public IReadOnlyList<RoleLimitFigures> Roles { get; init; } = [];

    public bool OpenModel => Profile == ProfileNames.Rate;

    /// <summary>
    /// The figures of <paramref name="load"/>, whose URL points at <paramref name="target"/>;
    /// <paramref name="quota"/> gives a role's CPU limit in cores (null: none) and
    /// <paramref name="usableCores"/> the cores a role may use.
    /// </summary>
    public static LimitInputs From(MeasuredLoad load, string target, Func<string, double?> quota, double usableCores)
    {
        var run = load.Run;
        var durationMs = run.DurationSeconds * 1000;
        var diagnosis = run.Diagnosis;
        var series = run.TimeSeries;
        var users = MeanUsers(series, run.DurationSeconds) is var mean && !double.IsNaN(mean) ? mean : Parameter(run, "concurrency", "threads", "users");
        var roles = load.Costs.Select(c => new RoleLimitFigures
        {
            Role = c.Role,
            Target = c.Role == target,
            // Over the wall time between the two CPU readings, the window the CPU was read over (the
            // run's own duration is shorter by the generator's start and exit: a 0.3 s E5 run would
            // read several cores on one pinned core).
            Cores = c.WallMs > 0 ? c.CpuMs / c.WallMs : durationMs > 0 ? c.CpuMs / durationMs : double.NaN,
            Quota = quota(c.Role) ?? (load.RoleStats.FirstOrDefault(s => s.Role == c.Role)?.QuotaCores is > 0 and var q ? q : null),
            UsableCores = usableCores,
            Stats = load.RoleStats.FirstOrDefault(s => s.Role == c.Role),
        }).ToList();
        var (share, cores) = Generator(load, diagnosis);
        return new LimitInputs
        {
            Profile = run.Profile,
            Rps = run.Rps,
            MeanMs = run.Latency.Total.MeanMs,
            Completed = run.Counts.Completed,
            Failed = run.Counts.Failed,
            Non2xx = run.Counts.Non2xx,
            FailedByKind = run.Counts.FailedByKind,
            Users = users,
            InFlight = series.Count > 0 ? series.Average(p => p.InFlight) : double.NaN,
            ThinkMs = diagnosis?.ThinkMeanMs ?? 0,
            IntendedRps = diagnosis?.IntendedRps ?? double.NaN,
            AchievedRps = diagnosis?.AchievedRps ?? double.NaN,
            LateStarts = diagnosis?.LateStarts ?? 0,
            DroppedStarts = (diagnosis?.DroppedStarts ?? 0) + run.Counts.Dropped,
            GeneratorShare = share,
            GeneratorCores = cores,
            GeneratorDemand = diagnosis is { GeneratorCores: > 0 } d && run.DurationSeconds > 0
                ? (d.GeneratorCpuSeconds + (d.GeneratorWaitSeconds ?? 0)) / run.DurationSeconds / d.GeneratorCores : double.NaN,
            GeneratorWarning = diagnosis?.Warnings.FirstOrDefault(w => w.Kind == DiagnosisKinds.Generator)?.Text,
            Roles = roles,
        };
    }

    /// <summary>
    /// The generator's share of its cores: the record's own diagnosis, or (a merged record has
    /// none) the busiest generator's CPU over the cores it was pinned to.
    /// </summary>
    private static (double Share, double Cores) Generator(MeasuredLoad load, DiagnosisDocument? diagnosis)
    {
        if (diagnosis is not null && diagnosis.GeneratorCores > 0)
        {
            return (diagnosis.GeneratorShare, diagnosis.GeneratorCores);
        }

        var pinned = load.Generators.Where(g => g.PinnedTo is not null && !double.IsNaN(g.Cores)).ToList();
        if (pinned.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var busiest = pinned.MaxBy(g => g.Cores)!;
        var count = busiest.PinnedTo!.Split(',').Sum(part => part.Split('-') is [var a, var b] && int.TryParse(a, out var x) && int.TryParse(b, out var y) ? y - x + 1 : 1);
        return (busiest.Cores / count, count);
    }

    /// <summary>
    /// The mean of the seconds' active users (sampled each second), each second weighted by the
    /// time it covers: a run's last second is partial, and in a count-bounded run (ab -n) it holds
    /// the drain, when users that have no request left stop. Users may ramp (nGrinder steps), so the
    /// configured count is only the fallback (and the figure of runs under <see cref="MinSampledSeconds"/>).
    /// </summary>
    /// <summary>Below this many seconds the per-second samples of active users make no mean; the configured count is read instead.</summary>
    public const double MinSampledSeconds = 3;

    private static double MeanUsers(IReadOnlyList<TimeSeriesPointDocument> series, double durationSeconds)
    {
        // One sample a second: a run shorter than 3 s has one or two, caught at any point of the
        // ramp or the drain (E9's 1 s runs of 60 threads sampled 59, 27 and 0): no mean at all.
        if (series.Count == 0 || durationSeconds < MinSampledSeconds)
        {
            return double.NaN;
        }

        var last = series.Max(p => p.Second);
        double Weight(TimeSeriesPointDocument p) => p.Second == last ? Math.Clamp(durationSeconds - (last - 1), 0.05, 1) : 1;
        return series.Sum(p => p.Users * Weight(p)) / series.Sum(Weight);
    }

    private static double Parameter(RunRecordDocument run, params string[] names)
    {
        foreach (var (key, value) in run.Parameters)
        {
            if (!names.Contains(key))
            {
                continue;
            }

            switch (value)
            {
                case JsonElement { ValueKind: JsonValueKind.Number } element:
                    return element.GetDouble();
                case IConvertible convertible when value is not string:
                    return convertible.ToDouble(CultureInfo.InvariantCulture);
            }
        }

        return double.NaN;
    }
}
