using System.Globalization;
using Testbed.Load.Stats;

namespace Testbed.Load.Reporting;

/// <summary>
/// ApacheBench's text report, same fields, order and column layout as ab 2.3's output_results, so
/// someone who knows ab reads it at a glance. Failure kinds map onto ab's four: Connect (refused,
/// timed out), Receive (reset, response timeout, aborted), Length, Exceptions (malformed).
/// "Complete requests" is ab's "done": every request that got a whole response, length mismatches
/// included. Times in the tables are integer milliseconds rounded as ab rounds them.
/// </summary>
internal static class AbReportWriter
{
    public static void Write(TextWriter w, RunRecord run)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = run.Statistics;
        var c = s.Counts;
        long lengthFailures = c.FailedOf(FailureKinds.Length);
        long done = c.Completed + c.Non2xx + lengthFailures;
        double taken = run.DurationSeconds;

        w.WriteLine("This is testbed-load's ab profile, modelled on ApacheBench, Version 2.3");
        w.WriteLine();
        w.WriteLine($"Benchmarking {run.Host} (be patient){(run.Interrupted ? "...interrupted" : ".....done")}");
        w.WriteLine();
        w.WriteLine();
        w.WriteLine($"Server Software:        {run.ServerSoftware ?? ""}");
        w.WriteLine($"Server Hostname:        {run.Host}");
        w.WriteLine($"Server Port:            {run.Port}");
        w.WriteLine();
        w.WriteLine($"Document Path:          {run.Path}");
        w.WriteLine(run.VariableLength
            ? "Document Length:        Variable"
            : $"Document Length:        {Math.Max(0, run.DocumentLength)} bytes");
        w.WriteLine();
        w.WriteLine($"Concurrency Level:      {run.Concurrency}");
        w.WriteLine(string.Format(inv, "Time taken for tests:   {0:F3} seconds", taken));
        w.WriteLine($"Complete requests:      {done}");
        w.WriteLine($"Failed requests:        {c.Failed}");
        if (c.Failed > 0)
        {
            long connect = c.FailedOf(FailureKinds.ConnectRefused) + c.FailedOf(FailureKinds.ConnectTimeout);
            long receive = c.FailedOf(FailureKinds.Receive) + c.FailedOf(FailureKinds.ResponseTimeout) + c.FailedOf(FailureKinds.Aborted);
            w.WriteLine($"   (Connect: {connect}, Receive: {receive}, Length: {lengthFailures}, Exceptions: {c.FailedOf(FailureKinds.Malformed)})");
        }
        if (c.Non2xx > 0) w.WriteLine($"Non-2xx responses:      {c.Non2xx}");
        if (run.KeepAlive) w.WriteLine($"Keep-Alive requests:    {c.KeepAliveRequests}");
        w.WriteLine($"Total transferred:      {s.TotalBytes} bytes");
        long bodySent = run.RequestBodyBytes * c.Started;
        if (run.RequestBodyBytes > 0) w.WriteLine($"Total body sent:        {bodySent}");
        w.WriteLine($"HTML transferred:       {s.BodyBytes} bytes");

        if (taken > 0 && done > 0)
        {
            w.WriteLine(string.Format(inv, "Requests per second:    {0:F2} [#/sec] (mean)", done / taken));
            w.WriteLine(string.Format(inv, "Time per request:       {0:F3} [ms] (mean)", run.Concurrency * taken * 1000 / done));
            w.WriteLine(string.Format(inv, "Time per request:       {0:F3} [ms] (mean, across all concurrent requests)", taken * 1000 / done));
            w.WriteLine(string.Format(inv, "Transfer rate:          {0:F2} [Kbytes/sec] received", s.TotalBytes / 1024.0 / taken));
            if (run.RequestBodyBytes > 0)
            {
                w.WriteLine(string.Format(inv, "                        {0:F2} kb/s sent", bodySent / 1024.0 / taken));
                w.WriteLine(string.Format(inv, "                        {0:F2} kb/s total", (s.TotalBytes + bodySent) / 1024.0 / taken));
            }
        }

        if (s.Total.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Connection Times (ms)");
            w.WriteLine("              min  mean[+/-sd] median   max");
            Row(w, "Connect:    ", s.Connect);
            Row(w, "Processing: ", s.Processing);
            Row(w, "Waiting:    ", s.Waiting);
            Row(w, "Total:      ", s.Total);
        }

        if (s.Total.Count > 1)
        {
            w.WriteLine();
            w.WriteLine("Percentage of the requests served within a certain time (ms)");
            foreach (int p in (int[])[50, 66, 75, 80, 90, 95, 98, 99])
            {
                w.WriteLine(string.Format(inv, "  {0}%  {1,5}", p, RoundMs(s.Total.ValueAtPercentile(p))));
            }
            w.WriteLine(string.Format(inv, " 100%  {0,5} (longest request)", RoundMs(s.Total.MaxMicros)));
        }
    }

    private static void Row(TextWriter w, string label, LatencyHistogram h)
    {
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}{1,5} {2,4} {3,5:F1} {4,6} {5,7}",
            label, RoundMs(h.MinMicros), RoundMs(h.MeanMicros), h.StdDevMicros / 1000.0,
            RoundMs(h.ValueAtPercentile(50)), RoundMs(h.MaxMicros)));
    }

    /// <summary>ab's ap_round_ms: microseconds to the nearest millisecond, halves up.</summary>
    private static long RoundMs(double micros) => (long)((micros + 500) / 1000);
}
