using Testbed.Load.Stats;
using Testbed.Views;

namespace Testbed.Load.Reporting;

/// <summary>
/// Reads a run record (schema <see cref="RunRecordSchema.Name"/>) back through the contract, so that
/// records of several generators can be merged. Latency comes back from the encoded HdrHistograms
/// (exact counts), with the exact min, max, mean and deviation beside them.
/// </summary>
internal static class RunRecordReader
{
    /// <exception cref="InvalidDataException">The file is not JSON, not a run record, or lacks what a merge needs.</exception>
    public static RunRecord Read(string path)
    {
        var document = RunRecordJson.Read(path);
        try
        {
            return FromDocument(document, path);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or UriFormatException)
        {
            throw new InvalidDataException($"not a whole run record ({e.Message})", e);
        }
    }

    private static RunRecord FromDocument(RunRecordDocument d, string path)
    {
        var c = d.Counts;
        var latency = d.Latency;
        var counts = new RunCounts(c.Started, c.Completed, c.Non2xx, c.Failed, c.Dropped,
            new Dictionary<string, long>(c.FailedByKind, StringComparer.Ordinal), c.KeepAliveRequests);
        var stats = new RunStatistics(counts, d.Bytes.Total, d.Bytes.Body,
            Histogram(latency.Total, "total"), Histogram(latency.Connect, "connect"),
            Histogram(latency.Waiting, "waiting"), Histogram(latency.Processing, "processing"),
            latency.Corrected is null ? null : Histogram(latency.Corrected, "corrected"),
            new Dictionary<string, long>(d.ServedBy, StringComparer.Ordinal),
            [.. d.TimeSeries.Select(p => new TimeSeriesPoint(p.Second, p.Completed, p.Non2xx, p.Failed, p.Rps, p.MeanMs,
                p.P50Ms, p.P95Ms, p.P99Ms, p.MaxMs, p.Users, p.InFlight, p.Bytes))]);
        if (d.Observed is null) throw new InvalidDataException("not a whole run record (no observed)");
        var parameters = d.Parameters;
        string? segment = parameters.FirstOrDefault(p => p.Key == "segment").Value as string;
        // Records written before generators were listed name no host: the file stands for the generator.
        var document = d.Generators is null
            ? d with { Generators = [new GeneratorDocument { File = path, Segment = segment ?? "1/1" }] }
            : d with { Generators = [.. d.Generators.Select(g => g.File is null ? g with { File = path } : g)] };
        object? concurrency = parameters.FirstOrDefault(p => p.Key is "concurrency" or "users" or "threads" or "maxInFlight").Value;
        var uri = new Uri(d.Target);

        return new RunRecord
        {
            Document = document,
            Statistics = stats,
            DurationSeconds = d.DurationSeconds,
            Host = uri.Host,
            Port = uri.Port,
            Path = uri.PathAndQuery,
            VariableLength = parameters.FirstOrDefault(p => p.Key == "variableLength").Value is true,
            KeepAlive = parameters.FirstOrDefault(p => p.Key == "keepAlive").Value is true,
            Concurrency = concurrency is long n ? (int)n : 0,
        };
    }

    private static LatencyHistogram Histogram(LatencyDocument? s, string name)
    {
        if (s?.HdrHistogram is null) throw new InvalidDataException($"not a whole run record (latency.{name} has no hdrHistogram)");
        static long Micros(double ms) => (long)Math.Round(ms * 1000);
        var counts = HdrEncoding.FromBase64(s.HdrHistogram);
        if (counts.TotalCount != s.Count)
            throw new InvalidDataException($"a histogram holds {counts.TotalCount} values where its count says {s.Count}");
        return LatencyHistogram.FromRecorded(counts, Micros(s.MinMs), Micros(s.MaxMs), s.MeanMs * 1000, s.StdevMs * 1000);
    }
}
