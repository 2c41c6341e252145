using System.Globalization;
using System.Text.Json;
using Testbed.Load.Stats;
using Testbed.Views;

namespace Testbed.Load.Reporting;

/// <summary>
/// Reads a run record (schema <see cref="RunRecord.Schema"/>) back, as <see cref="JsonReportWriter"/>
/// wrote it, so that records of several generators can be merged. Latency comes back from the encoded
/// HdrHistograms (exact counts), with the exact min, max, mean and deviation beside them.
/// </summary>
internal static class RunRecordReader
{
    /// <exception cref="InvalidDataException">The file is not JSON, or not a run record.</exception>
    public static RunRecord Read(string path)
    {
        JsonDocument doc;
        try
        {
            using var stream = File.OpenRead(path);
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not JSON ({e.Message})", e);
        }
        using (doc)
        {
            try
            {
                return FromJson(doc.RootElement, path);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                throw new InvalidDataException($"not a whole run record ({e.Message})", e);
            }
        }
    }

    private static RunRecord FromJson(JsonElement root, string path)
    {
        string? schema = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schema", out var s) ? s.GetString() : null;
        if (schema != RunRecord.Schema)
            throw new InvalidDataException($"not a run record (schema '{schema ?? "none"}', expected '{RunRecord.Schema}')");

        var parameters = root.GetProperty("parameters").EnumerateObject()
            .Select(p => new KeyValuePair<string, object?>(p.Name, Scalar(p.Value))).ToList();
        string target = root.GetProperty("target").GetString()!;
        var uri = new Uri(target);
        var latency = root.GetProperty("latency");
        var corrected = latency.GetProperty("corrected");
        var c = root.GetProperty("counts");
        var counts = new RunCounts(
            c.GetProperty("started").GetInt64(), c.GetProperty("completed").GetInt64(), c.GetProperty("non2xx").GetInt64(),
            c.GetProperty("failed").GetInt64(), c.GetProperty("dropped").GetInt64(),
            c.GetProperty("failedByKind").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal),
            c.GetProperty("keepAliveRequests").GetInt64());
        var stats = new RunStatistics(counts,
            root.GetProperty("bytes").GetProperty("total").GetInt64(), root.GetProperty("bytes").GetProperty("body").GetInt64(),
            Histogram(latency.GetProperty("total")), Histogram(latency.GetProperty("connect")),
            Histogram(latency.GetProperty("waiting")), Histogram(latency.GetProperty("processing")),
            corrected.ValueKind == JsonValueKind.Null ? null : Histogram(corrected),
            root.GetProperty("servedBy").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal),
            root.GetProperty("timeSeries").EnumerateArray().Select(Point).ToList());
        var observed = root.GetProperty("observed");
        string? segment = parameters.FirstOrDefault(p => p.Key == "segment").Value as string;
        // Records written before generators were listed name no host: the file stands for the generator.
        var generators = root.TryGetProperty("generators", out var g)
            ? g.EnumerateArray().Select(e => new GeneratorInfo(
                e.GetProperty("file").GetString() ?? path, e.GetProperty("segment").GetString()!,
                e.GetProperty("host").GetString()!, e.GetProperty("pid").GetInt32(),
                Number(e, "cpuSeconds"), Number(e, "loadCpuSeconds"))).ToList()
            : [new GeneratorInfo(path, segment ?? "1/1", "", 0)];
        object? concurrency = parameters.FirstOrDefault(p => p.Key is "concurrency" or "users" or "threads" or "maxInFlight").Value;

        return new RunRecord(
            root.GetProperty("profile").GetString()!, target, uri.Host, uri.Port, uri.PathAndQuery,
            root.GetProperty("commandLine").GetString()!, parameters, root.GetProperty("seed").GetInt32(),
            DateTimeOffset.Parse(root.GetProperty("startedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            root.GetProperty("durationSeconds").GetDouble(), root.GetProperty("interrupted").GetBoolean(),
            observed.GetProperty("serverSoftware").GetString(), observed.GetProperty("documentLength").GetInt64(),
            parameters.FirstOrDefault(p => p.Key == "variableLength").Value is true,
            parameters.FirstOrDefault(p => p.Key == "keepAlive").Value is true,
            concurrency is long n ? (int)n : 0, 0, stats)
        {
            Generators = generators,
        };
    }

    private static LatencyHistogram Histogram(JsonElement s)
    {
        static long Micros(JsonElement e, string name) => (long)Math.Round(e.GetProperty(name).GetDouble() * 1000);
        var counts = HdrEncoding.FromBase64(s.GetProperty("hdrHistogram").GetString()!);
        if (counts.TotalCount != s.GetProperty("count").GetInt64())
            throw new InvalidDataException($"a histogram holds {counts.TotalCount} values where its count says {s.GetProperty("count").GetInt64()}");
        return LatencyHistogram.FromRecorded(counts, Micros(s, "minMs"), Micros(s, "maxMs"),
            s.GetProperty("meanMs").GetDouble() * 1000, s.GetProperty("stdevMs").GetDouble() * 1000);
    }

    /// <summary>A number the record may lack (older records) or hold as null.</summary>
    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static TimeSeriesPoint Point(JsonElement p) => new(
        p.GetProperty("second").GetInt32(), p.GetProperty("completed").GetInt64(), p.GetProperty("non2xx").GetInt64(),
        p.GetProperty("failed").GetInt64(), p.GetProperty("rps").GetDouble(), p.GetProperty("meanMs").GetDouble(),
        p.GetProperty("p50Ms").GetDouble(), p.GetProperty("p95Ms").GetDouble(), p.GetProperty("p99Ms").GetDouble(),
        p.GetProperty("maxMs").GetDouble(), p.GetProperty("users").GetInt32(), p.GetProperty("inFlight").GetInt32(),
        p.GetProperty("bytes").GetInt64());

    private static object? Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when v.TryGetInt64(out long l) => l,
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String => v.GetString(),
        _ => v.GetRawText(),
    };
}
