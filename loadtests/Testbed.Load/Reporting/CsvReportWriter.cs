using System.Globalization;
using Testbed.Load.Stats;

namespace Testbed.Load.Reporting;

/// <summary>
/// The per-second time series as CSV, with Locust's stats-history column names where the meaning is
/// the same (failures include non-2xx, as Locust counts them; "Total ..." columns are cumulative),
/// and testbed-load's own columns after them.
/// </summary>
internal static class CsvReportWriter
{
    public const string Header =
        "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,95%,99%,100%,Total Request Count,Total Failure Count,Average Response Time,Second,Completed,Non-2xx,Failed,In Flight,Bytes";

    public static void Write(TextWriter w, RunRecord run)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine(Header);
        long total = 0, failures = 0;
        long epoch = run.StartedAt.ToUnixTimeSeconds();
        foreach (var p in run.Statistics.TimeSeries)
        {
            total += p.Completed + p.Non2xx + p.Failed;
            failures += p.Non2xx + p.Failed;
            w.WriteLine(string.Join(',',
                (epoch + p.Second).ToString(inv), p.Users.ToString(inv), "", "Aggregated",
                p.Rps.ToString("0.##", inv), (p.Non2xx + p.Failed).ToString(inv),
                p.P50Ms.ToString(inv), p.P95Ms.ToString(inv), p.P99Ms.ToString(inv), p.MaxMs.ToString(inv),
                total.ToString(inv), failures.ToString(inv), p.MeanMs.ToString(inv),
                p.Second.ToString(inv), p.Completed.ToString(inv), p.Non2xx.ToString(inv), p.Failed.ToString(inv),
                p.InFlight.ToString(inv), p.Bytes.ToString(inv)));
        }
    }
}
