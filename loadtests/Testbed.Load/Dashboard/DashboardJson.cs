using System.Globalization;
using System.Text.Json;
using Testbed.Load.Stats;

namespace Testbed.Load.Dashboard;

/// <summary>The dashboard's JSON: what runs (at the start) and the final summary with the report (at the end).</summary>
internal static class DashboardJson
{
    public static string Info(string profile, string target, string commandLine, IReadOnlyList<KeyValuePair<string, object?>> parameters) =>
        JsonSerializer.Serialize(new
        {
            profile, target, commandLine,
            parameters = parameters.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture)),
        });

    public static string Final(RunRecord run, string reportHtml)
    {
        var s = run.Statistics;
        var c = s.Counts;
        var l = LatencySummary.From(s.Total);
        var inv = CultureInfo.InvariantCulture;
        var summary = new List<string[]>
        {
            new[] { "duration", string.Format(inv, "{0:F3} s", run.DurationSeconds) },
            new[] { "requests", $"started {c.Started} = completed {c.Completed} + non-2xx {c.Non2xx} + failed {c.Failed}" },
            new[] { "throughput", string.Format(inv, "{0:F2} completed/s", run.Rps) },
            new[] { "latency mean / p50 / p95 / p99 / max", string.Format(inv, "{0:F3} / {1:F3} / {2:F3} / {3:F3} / {4:F3} ms", l.MeanMs, l.P50Ms, l.P95Ms, l.P99Ms, l.MaxMs) },
        };
        if (c.Failed > 0) summary.Add(["failed by kind", string.Join(", ", c.FailedByKind.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {kv.Value}"))]);
        return JsonSerializer.Serialize(new { interrupted = run.Interrupted, rps = Math.Round(run.Rps, 3), completed = c.Completed, summary, reportHtml });
    }
}
