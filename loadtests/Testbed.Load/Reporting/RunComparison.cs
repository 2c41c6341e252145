using System.Text.Json;
using Testbed.Load.Stats;
using Testbed.Views;

namespace Testbed.Load.Reporting;

/// <summary>
/// Two run records (testbed-load/run@1, read from their JSON, so that records written by an older
/// build compare too) figure by figure: throughput, error rate and the latency summary.
/// </summary>
internal static class RunComparison
{
    /// <exception cref="InvalidDataException">A file is not a run record.</exception>
    public static Comparison Compare(string baseName, string baseJson, string newName, string newJson, double noisePercent)
    {
        using var a = Parse(baseName, baseJson);
        using var b = Parse(newName, newJson);
        var figures = new List<ComparedFigure>();
        void Add(string group, string name, string unit, Func<JsonElement, double> read, bool higherIsBetter) =>
            figures.Add(new ComparedFigure(group, name, unit, read(a.RootElement), read(b.RootElement), higherIsBetter, noisePercent));

        Add("", "throughput", "req/s", r => Number(r, "rps"), true);
        Add("", "errors", "%", ErrorPercent, false);
        foreach (var (field, label) in new[] { ("meanMs", "mean"), ("p50Ms", "p50"), ("p90Ms", "p90"), ("p95Ms", "p95"), ("p99Ms", "p99"), ("p999Ms", "p99.9"), ("maxMs", "max") })
        {
            Add("latency", label, "ms", r => Number(r, "latency", "total", field), false);
        }

        if (HasCorrected(a.RootElement) && HasCorrected(b.RootElement))
        {
            Add("corrected latency", "p99", "ms", r => Number(r, "latency", "corrected", "p99Ms"), false);
        }

        var note = $"A change within ±{noisePercent:0.##}% counts as noise (one run each, so no measured spread; --noise sets the threshold).";
        return new Comparison("testbed-load compare", baseName, newName, figures, note);
    }

    private static JsonDocument Parse(string name, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: not JSON ({e.Message})");
        }

        var schema = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (schema != RunRecord.Schema)
        {
            document.Dispose();
            throw new InvalidDataException($"{name}: not a {RunRecord.Schema} record (schema: {schema ?? "missing"})");
        }

        return document;
    }

    private static double ErrorPercent(JsonElement run)
    {
        var started = Number(run, "counts", "started");
        return started > 0 ? (Number(run, "counts", "failed") + Number(run, "counts", "non2xx")) / started * 100 : double.NaN;
    }

    private static bool HasCorrected(JsonElement run) =>
        run.TryGetProperty("latency", out var l) && l.TryGetProperty("corrected", out var c) && c.ValueKind == JsonValueKind.Object;

    /// <summary>A number at the path, NaN when a field is missing (an older record), so that the figure shows as not compared.</summary>
    private static double Number(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return double.NaN;
            }
        }

        return element.ValueKind == JsonValueKind.Number ? element.GetDouble() : double.NaN;
    }
}
