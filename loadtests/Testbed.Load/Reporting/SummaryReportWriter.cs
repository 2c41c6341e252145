using System.Globalization;
using Testbed.Load.Stats;

namespace Testbed.Load.Reporting;

/// <summary>
/// The text report of the users, threads and rate profiles: counts that add up, throughput, and one
/// latency row each for total, connect and waiting, plus the corrected row for the open model,
/// labelled so that nobody mistakes one for the other.
/// </summary>
internal static class SummaryReportWriter
{
    public static void Write(TextWriter w, RunRecord run)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = run.Statistics;
        var c = s.Counts;
        w.WriteLine($"testbed-load {run.Profile}: {run.TargetUrl}{(run.Interrupted ? " (interrupted)" : "")}");
        w.WriteLine("Parameters:   " + string.Join(", ", run.Parameters.Select(p => $"{p.Key}={FormatValue(p.Value)}")));
        w.WriteLine($"Seed:         {run.Seed}");
        w.WriteLine(string.Format(inv, "Duration:     {0:F3} s", run.DurationSeconds));
        w.WriteLine($"Requests:     started {c.Started} = completed {c.Completed} + non-2xx {c.Non2xx} + failed {c.Failed}{(c.AddsUp ? "" : "  (DOES NOT ADD UP)")}");
        if (c.Failed > 0)
            w.WriteLine("Failed:       " + string.Join(", ", c.FailedByKind.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {kv.Value}")));
        if (c.Dropped > 0 || run.Profile == "rate") w.WriteLine($"Dropped:      {c.Dropped} (never sent: max in flight reached)");
        w.WriteLine(string.Format(inv, "Throughput:   {0:F2} completed/s", run.Rps));
        w.WriteLine($"Transferred:  {s.TotalBytes} bytes ({s.BodyBytes} body)");
        if (s.ServedBy.Count > 0)
            w.WriteLine("Served by:    " + string.Join(", ", s.ServedBy.Take(20).Select(kv => $"{kv.Key} {kv.Value}")));
        w.WriteLine();
        w.WriteLine("Latency (ms)          count       min      mean     stdev       p50       p90       p95       p99     p99.9       max");
        Row(w, "total (measured)", s.Total);
        Row(w, "connect", s.Connect);
        Row(w, "waiting", s.Waiting);
        if (s.Corrected is not null) Row(w, "corrected (CO)", s.Corrected);
        if (s.Corrected is not null)
            w.WriteLine("(corrected: from each request's intended send time, i.e. corrected for coordinated omission)");        if (run.Document.Diagnosis is { } d) WriteDiagnosis(w, d, run.DurationSeconds);
    }

    /// <summary>The run's end: the generator's CPU share, the rate or think-time figures, then any warning.</summary>
    private static void WriteDiagnosis(TextWriter w, DiagnosisDocument d, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine();
        w.WriteLine(string.Format(inv, "Generator:    CPU {0:F2} s over {1:F2} s = {2:P0} of {3} usable core(s){4}{5}",
            d.GeneratorCpuSeconds, seconds, d.GeneratorShare, d.GeneratorCores,
            d.GeneratorWaitSeconds is { } wait ? string.Format(inv, "; waited {0:F2} s for a core", wait) : "",
            d.BusiestThreadShare is { } b ? string.Format(inv, "; busiest thread {0:P0} of a core", b) : ""));
        if (d.IntendedRps is { } intended)
            w.WriteLine(string.Format(inv, "Rate:         intended {0:F2}/s, achieved {1:F2}/s; {2} late starts, {3} dropped",
                intended, d.AchievedRps, d.LateStarts, d.DroppedStarts));
        if (d.Users is { } users)
            w.WriteLine(string.Format(inv, "Think time:   {0} users, mean {1} ms over {2} drawn", users,
                d.ThinkMeanMs is { } think ? think.ToString("F1", inv) : "-", d.Thinks));
        foreach (var warning in d.Warnings) w.WriteLine($"WARNING:      {warning.Text}");
    }

    private static void Row(TextWriter w, string label, LatencyHistogram h)
    {
        var l = LatencySummary.From(h);
        w.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0,-18}{1,9} {2,9:F3} {3,9:F3} {4,9:F3} {5,9:F3} {6,9:F3} {7,9:F3} {8,9:F3} {9,9:F3} {10,9:F3}",
            label, l.Count, l.MinMs, l.MeanMs, l.StdevMs, l.P50Ms, l.P90Ms, l.P95Ms, l.P99Ms, l.P999Ms, l.MaxMs));
    }

    private static string FormatValue(object? v) => v switch
    {
        null => "-",
        bool b => b ? "true" : "false",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
