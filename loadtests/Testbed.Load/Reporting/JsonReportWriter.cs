using System.Text.Json;
using Testbed.Load.Stats;
using Testbed.Views;

namespace Testbed.Load.Reporting;

/// <summary>
/// The machine-readable run record, schema "testbed-load/run@1" (documented in the README). The
/// suite reads this file from child runs, so field names and meanings are a contract: add fields,
/// never rename or drop one. Times are milliseconds as doubles, except in each latency object's
/// "hdrHistogram": HdrHistogram's compressed encoding (base64) of the latencies in microseconds.
/// </summary>
internal static class JsonReportWriter
{
    public static void Write(Stream stream, RunRecord run)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var s = run.Statistics;
        var c = s.Counts;
        w.WriteStartObject();
        w.WriteString("schema", RunRecord.Schema);
        w.WriteString("profile", run.Profile);
        w.WriteString("target", run.TargetUrl);
        w.WriteString("commandLine", run.CommandLine);
        w.WriteStartObject("parameters");
        foreach (var (key, value) in run.Parameters) WriteValue(w, key, value);
        w.WriteEndObject();
        w.WriteNumber("seed", run.Seed);
        w.WriteString("startedAt", run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        w.WriteNumber("durationSeconds", Math.Round(run.DurationSeconds, 3));
        w.WriteBoolean("interrupted", run.Interrupted);

        w.WriteStartObject("counts");
        w.WriteNumber("started", c.Started);
        w.WriteNumber("completed", c.Completed);
        w.WriteNumber("non2xx", c.Non2xx);
        w.WriteNumber("failed", c.Failed);
        w.WriteNumber("dropped", c.Dropped);
        w.WriteStartObject("failedByKind");
        foreach (var (kind, n) in c.FailedByKind) w.WriteNumber(kind, n);
        w.WriteEndObject();
        w.WriteBoolean("addsUp", c.AddsUp);
        w.WriteNumber("keepAliveRequests", c.KeepAliveRequests);
        w.WriteEndObject();

        w.WriteNumber("rps", Math.Round(run.Rps, 3));
        w.WriteStartObject("bytes");
        w.WriteNumber("total", s.TotalBytes);
        w.WriteNumber("body", s.BodyBytes);
        w.WriteEndObject();

        w.WriteStartObject("latency");
        WriteSummary(w, "total", s.Total);
        WriteSummary(w, "connect", s.Connect);
        WriteSummary(w, "waiting", s.Waiting);
        WriteSummary(w, "processing", s.Processing);
        if (s.Corrected is null) w.WriteNull("corrected"); else WriteSummary(w, "corrected", s.Corrected);
        w.WriteEndObject();

        w.WriteStartObject("servedBy");
        foreach (var (label, n) in s.ServedBy) w.WriteNumber(label, n);
        w.WriteEndObject();

        w.WriteStartObject("observed");
        w.WriteString("serverSoftware", run.ServerSoftware);
        w.WriteNumber("documentLength", run.DocumentLength);
        w.WriteEndObject();

        if (run.Generators is { } generators)
        {
            w.WriteStartArray("generators");
            foreach (var g in generators)
            {
                w.WriteStartObject();
                if (g.File is null) w.WriteNull("file"); else w.WriteString("file", g.File);
                w.WriteString("segment", g.Segment);
                w.WriteString("host", g.Host);
                w.WriteNumber("pid", g.Pid);
                if (g.CpuSeconds is { } cpu) w.WriteNumber("cpuSeconds", Math.Round(cpu, 3)); else w.WriteNull("cpuSeconds");
                if (g.LoadCpuSeconds is { } loadCpu) w.WriteNumber("loadCpuSeconds", Math.Round(loadCpu, 3)); else w.WriteNull("loadCpuSeconds");
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        if (run.Thresholds is { } thresholds) Thresholds.ThresholdReport.WriteJson(w, thresholds);
        if (run.Capacity is { } capacity) Capacity.CapacityReport.WriteJson(w, capacity);

        w.WriteStartArray("timeSeries");
        foreach (var p in s.TimeSeries)
        {
            w.WriteStartObject();
            w.WriteNumber("second", p.Second);
            w.WriteNumber("completed", p.Completed);
            w.WriteNumber("non2xx", p.Non2xx);
            w.WriteNumber("failed", p.Failed);
            w.WriteNumber("rps", p.Rps);
            w.WriteNumber("meanMs", p.MeanMs);
            w.WriteNumber("p50Ms", p.P50Ms);
            w.WriteNumber("p95Ms", p.P95Ms);
            w.WriteNumber("p99Ms", p.P99Ms);
            w.WriteNumber("maxMs", p.MaxMs);
            w.WriteNumber("users", p.Users);
            w.WriteNumber("inFlight", p.InFlight);
            w.WriteNumber("bytes", p.Bytes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, string name, LatencyHistogram h)
    {
        var l = LatencySummary.From(h);
        w.WriteStartObject(name);
        w.WriteNumber("count", l.Count);
        w.WriteNumber("minMs", l.MinMs);
        w.WriteNumber("meanMs", l.MeanMs);
        w.WriteNumber("stdevMs", l.StdevMs);
        w.WriteNumber("maxMs", l.MaxMs);
        w.WriteNumber("p50Ms", l.P50Ms);
        w.WriteNumber("p66Ms", l.P66Ms);
        w.WriteNumber("p75Ms", l.P75Ms);
        w.WriteNumber("p80Ms", l.P80Ms);
        w.WriteNumber("p90Ms", l.P90Ms);
        w.WriteNumber("p95Ms", l.P95Ms);
        w.WriteNumber("p98Ms", l.P98Ms);
        w.WriteNumber("p99Ms", l.P99Ms);
        w.WriteNumber("p999Ms", l.P999Ms);
        // The counts themselves, so that run records merge exactly (the summary above does not add up).
        w.WriteString("hdrHistogram", HdrEncoding.ToBase64(h.Hdr));
        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, string key, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(key); break;
            case bool b: w.WriteBoolean(key, b); break;
            case int i: w.WriteNumber(key, i); break;
            case long l: w.WriteNumber(key, l); break;
            case double d: w.WriteNumber(key, d); break;
            default: w.WriteString(key, value.ToString()); break;
        }
    }
}
