using System.Globalization;
using Testbed.Load.Engine;
using Testbed.Load.Stats;

namespace Testbed.Load.Diagnosis;

/// <summary>
/// Builds a run's <see cref="DiagnosisDocument"/> once the load is over, from what the run measured
/// anyway (rusage, schedstat, the time series, the counts, the profiles' tallies): nothing here runs
/// per request. The thresholds are this class's constants, documented in docs/load-generator.md.
/// </summary>
internal static class RunDiagnosis
{
    /// <summary>A generator using (or waiting for) this much of its cores, or a thread this much of a core, was saturated.</summary>
    public const double SaturatedShare = 0.9;

    /// <summary>A generator runnable this share of its cores' time that waited longer than it ran was starved of CPU.</summary>
    public const double StarvedDemand = 0.5;

    /// <summary>Latency of the last third of the run over this times the first third's: the target queued requests.</summary>
    public const double QueueingGrowth = 1.5;

    /// <summary>An open model that achieved less than this share of its intended rate did not reach it.</summary>
    public const double ReachedShare = 0.95;

    /// <summary>Late starts above this share of the sent ones make a rate warning even when the rate was reached.</summary>
    public const double LateShare = 0.01;

    public static DiagnosisDocument Build(ILoadProfile profile, string io, int? ioThreads, RunStatistics stats, double seconds,
        bool interrupted, TimeSpan loadCpu, ThreadTimes? threadsBefore, ThreadTimes? threadsAfter, RunTallies tallies)
    {
        var inv = CultureInfo.InvariantCulture;
        int cores = Environment.ProcessorCount;
        double duration = Math.Max(seconds, 1e-6);
        double cpu = loadCpu.TotalSeconds;
        double share = cpu / duration / cores;
        (double wait, double busiest)? threads = threadsBefore is not null && threadsAfter is not null ? threadsAfter.Since(threadsBefore) : null;
        double? busiestShare = threads is { } t ? t.busiest / duration : null;
        double demand = (cpu + (threads?.wait ?? 0)) / duration / cores;
        double? growth = LatencyGrowth(stats.TimeSeries);
        var warnings = new List<DiagnosisWarningDocument>();
        var c = stats.Counts;

        // The generator's own limit: it used or wanted all it may use, and the target showed no
        // queueing (latency flat, no timeouts), so the target had room the generator did not fill.
        // Saturated: it used or waited for (nearly) all it may use. Starved: runnable at least half the
        // time, and waiting for a core longer than it ran (a core shared with busier processes): it
        // got at most half the CPU it asked for, so it sent at most about half of what it could.
        double waitSeconds = threads?.wait ?? 0;
        bool saturated = demand >= SaturatedShare || busiestShare >= SaturatedShare
            || (waitSeconds >= cpu && demand >= StarvedDemand);
        bool queueing = growth > QueueingGrowth || c.FailedOf(FailureKinds.ResponseTimeout) + c.FailedOf(FailureKinds.ConnectTimeout) > 0;
        if (saturated && !queueing)
        {
            warnings.Add(new DiagnosisWarningDocument
            {
                Kind = DiagnosisKinds.Generator,
                Text = string.Format(inv,
                    "generator: CPU {0:F2} s{1} over {2:F2} s = {3:P0} of its {4} usable core(s){5}, while latency {6}: the generator, not the target, was likely the limit",
                    cpu, threads is { } w ? string.Format(inv, " + {0:F2} s waiting for a core", w.wait) : "", seconds, demand, cores,
                    busiestShare is { } b ? string.Format(inv, "; busiest thread {0:P0} of a core", b) : "",
                    growth is { } g ? string.Format(inv, "grew only {0:F2}x from the first third of the run to the last", g) : "trend is unknown (under 3 s) and no request timed out"),
            });
        }

        double? intended = null, achieved = null;
        long? late = null, dropped = null;
        if (profile is RateProfile rate && profile.Duration is { } planned && planned > TimeSpan.Zero)
        {
            intended = rate.Hits / planned.TotalSeconds;
            achieved = (c.Completed + c.Non2xx) / duration;
            late = tallies.LateStarts;
            dropped = c.Dropped;
            long sent = Math.Max(1, c.Started);
            if (!interrupted && (achieved < ReachedShare * intended || late > LateShare * sent || dropped > 0))
            {
                warnings.Add(new DiagnosisWarningDocument
                {
                    Kind = DiagnosisKinds.Rate,
                    Text = string.Format(inv,
                        "rate: intended {0:F2}/s, achieved {1:F2}/s ({2:P0}); {3} late starts (over {4} ms behind plan) of {5} sent, {6} dropped (max in flight {7} reached)",
                        intended, achieved, achieved / intended, late, RunTallies.LateThreshold.TotalMilliseconds, c.Started, dropped, rate.MaxInFlight),
                });
            }
        }

        int? users = null;
        double? thinkMean = null;
        long? thinks = null;
        if (profile is UsersProfile usersProfile)
        {
            users = usersProfile.UserCount;
            thinks = tallies.Thinks;
            thinkMean = tallies.Thinks > 0 ? Math.Round(tallies.ThinkTotal.TotalMilliseconds / tallies.Thinks, 3) : null;
        }

        return new DiagnosisDocument
        {
            GeneratorCpuSeconds = Math.Round(cpu, 3),
            GeneratorCores = cores,
            GeneratorShare = Math.Round(share, 4),
            GeneratorWaitSeconds = threads is { } tw ? Math.Round(tw.wait, 3) : null,
            BusiestThreadShare = busiestShare is { } bs ? Math.Round(bs, 4) : null,
            IoThreads = io == Engine.Io.ClientTransport.Epoll ? ioThreads : null,
            LatencyGrowth = growth is { } gr ? Math.Round(gr, 3) : null,
            LateStarts = late,
            DroppedStarts = dropped,
            IntendedRps = intended is { } i ? Math.Round(i, 3) : null,
            AchievedRps = achieved is { } a ? Math.Round(a, 3) : null,
            Users = users,
            ThinkMeanMs = thinkMean,
            Thinks = thinks,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// Median latency of the last third of the run's seconds over the first third's (each the median
    /// of those seconds' p50s: one stalled connect or a GC pause does not move it, a queue at the
    /// target does); seconds with responses only, the first left out when there are four or more
    /// (it holds the connects and the JIT); null under three such seconds or with a zero first third.
    /// </summary>
    public static double? LatencyGrowth(IReadOnlyList<TimeSeriesPoint> series)
    {
        var points = series.Where(p => p.Completed > 0).ToList();
        if (points.Count >= 4) points = points.Skip(1).ToList();
        if (points.Count < 3) return null;
        int third = points.Count / 3;
        static double Median(IEnumerable<TimeSeriesPoint> ps)
        {
            var sorted = ps.Select(p => p.P50Ms).Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        double first = Median(points.Take(third));
        double last = Median(points.Skip(points.Count - third));
        return first > 0 ? last / first : null;
    }
}
