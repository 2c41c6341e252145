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
        var a = Parse(baseName, baseJson);
        var b = Parse(newName, newJson);
        var figures = new List<ComparedFigure>();
        void Add(string group, string name, string unit, Func<RunRecordDocument, double> read, bool higherIsBetter) =>
            figures.Add(new ComparedFigure(group, name, unit, read(a), read(b), higherIsBetter, noisePercent));

        Add("", "throughput", "req/s", r => r.Rps, true);
        Add("", "errors", "%", ErrorPercent, false);
        foreach (var (read, label) in new (Func<LatencyDocument, double>, string)[]
        {
            (l => l.MeanMs, "mean"), (l => l.P50Ms, "p50"), (l => l.P90Ms, "p90"), (l => l.P95Ms, "p95"),
            (l => l.P99Ms, "p99"), (l => l.P999Ms, "p99.9"), (l => l.MaxMs, "max"),
        })
        {
            Add("latency", label, "ms", r => read(r.Latency.Total), false);
        }

        if (a.Latency.Corrected is not null && b.Latency.Corrected is not null)
        {
            Add("corrected latency", "p99", "ms", r => r.Latency.Corrected!.P99Ms, false);
        }

        var note = $"A change within ±{noisePercent:0.##}% counts as noise (one run each, so no measured spread; --noise sets the threshold).";
        return new Comparison("testbed-load compare", baseName, newName, figures, note);
    }

    private static RunRecordDocument Parse(string name, string json)
    {
        try
        {
            return RunRecordJson.Parse(json);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }
    }

    private static double ErrorPercent(RunRecordDocument run)
    {
        var started = run.Counts.Started;
        return started > 0 ? (double)(run.Counts.Failed + run.Counts.Non2xx) / started * 100 : double.NaN;
    }
}
