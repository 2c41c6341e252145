using System.Globalization;
using System.Text.Json;
using Testbed.Suite.Results;
using Testbed.Views;

namespace Testbed.Suite.Reports;

/// <summary>
/// Two suite runs (their results.json) step by step: the experiments and steps both ran, matched by
/// id and step name, each compared on a few figures. A step measured several times (<c>repeat</c>)
/// sets its own noise threshold from the spread of its repeats' throughput; the others use the
/// default threshold.
/// </summary>
internal static class SuiteComparison
{
    /// <summary>The figures compared per step, and whether a higher value is better.</summary>
    private static readonly (string Metric, string Name, string Unit, bool HigherIsBetter)[] Figures =
    [
        ("rps", "throughput", "req/s", true),
        ("peakRps", "peak throughput", "req/s", true),
        ("sustainedRps", "sustained throughput", "req/s", true),
        ("mean", "mean latency", "ms", false),
        ("p50", "p50", "ms", false),
        ("p95", "p95", "ms", false),
        ("p99", "p99", "ms", false),
        ("errorRate", "error rate", "", false),
        ("cpuMsPerRequest", "server CPU per request", "ms", false),
    ];

    /// <exception cref="InvalidDataException">A folder has no readable results.json.</exception>
    public static Comparison Compare(string baseDirectory, string newDirectory, double defaultNoisePercent)
    {
        var before = Load(baseDirectory);
        var after = Load(newDirectory);
        var figures = new List<ComparedFigure>();
        var unmatched = new List<string>();
        var fromSpread = 0;
        foreach (var experiment in before.Experiments)
        {
            var other = after.Experiments.FirstOrDefault(e => e.Id == experiment.Id);
            foreach (var step in experiment.Steps.Where(s => s.Error is null))
            {
                var next = other?.Steps.FirstOrDefault(s => s.Name == step.Name && s.Error is null);
                if (next is null)
                {
                    unmatched.Add($"{experiment.Id}.{step.Name}");
                    continue;
                }

                var spread = Math.Max(SpreadPercent(step.RepeatRps), SpreadPercent(next.RepeatRps));
                var noise = double.IsNaN(spread) ? defaultNoisePercent : spread;
                fromSpread += double.IsNaN(spread) ? 0 : 1;
                foreach (var (metric, name, unit, higherIsBetter) in Figures.Where(f => step.Metrics.ContainsKey(f.Metric) || next.Metrics.ContainsKey(f.Metric)))
                {
                    figures.Add(new ComparedFigure($"{experiment.Id} {step.Label}", name, unit,
                        step.Metrics.GetValueOrDefault(metric, double.NaN), next.Metrics.GetValueOrDefault(metric, double.NaN), higherIsBetter, noise));
                }
            }
        }

        var note = $"Noise: {fromSpread} step(s) use the spread (max − min) / median of their repeated runs' throughput, the larger of the two runs'; the others ±{defaultNoisePercent.ToString("0.##", CultureInfo.InvariantCulture)}% (--noise).";
        if (unmatched.Count > 0)
        {
            note += $" Not compared (failed or missing in one run): {string.Join(", ", unmatched)}.";
        }

        return new Comparison("testbed-suite compare", Path.GetFileName(Path.TrimEndingDirectorySeparator(baseDirectory)),
            Path.GetFileName(Path.TrimEndingDirectorySeparator(newDirectory)), figures, note);
    }

    /// <summary>(max − min) / median in percent; NaN for fewer than two runs.</summary>
    public static double SpreadPercent(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return median > 0 ? (sorted[^1] - sorted[0]) / median * 100 : double.NaN;
    }

    private static SavedSuite Load(string directory)
    {
        var path = Path.Combine(directory, "results.json");
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{directory}: no results.json (pass a folder a suite run wrote, results/<timestamp>)");
        }

        try
        {
            return JsonSerializer.Deserialize<SavedSuite>(File.ReadAllText(path), ResultsJsonWriter.Options)
                ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a suite result ({e.Message})");
        }
    }
}
