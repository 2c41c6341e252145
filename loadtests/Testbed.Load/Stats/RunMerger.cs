namespace Testbed.Load.Stats;

/// <summary>
/// Combines the run records of generators that shared one load into one record: counts and bytes add,
/// the HdrHistograms add (so percentiles of the merged record are those of all requests together),
/// and the time series align on wall-clock seconds. Refuses records that cannot belong to one load:
/// different profiles, targets or plans, a segment twice, or segments that leave part of the plan out.
/// </summary>
internal static class RunMerger
{
    /// <summary>Parameters that differ between generators of one load: their share and their machine.</summary>
    private static readonly HashSet<string> PerGenerator = new(StringComparer.Ordinal) { "segment", "io", "ioThreads" };

    /// <exception cref="InvalidDataException">The records do not make one load; the message says why.</exception>
    public static RunRecord Merge(IReadOnlyList<RunRecord> runs, string commandLine)
    {
        if (runs.Count == 0) throw new InvalidDataException("no run record to merge");
        var first = runs[0];
        CheckOneLoad(runs);

        var start = runs.Min(r => r.StartedAt);
        var end = runs.Max(r => r.StartedAt + TimeSpan.FromSeconds(r.DurationSeconds));
        var parameters = first.Parameters.Where(p => !IsPerGenerator(p.Key))
            .Append(new("segment", "1/1")).Append(new("generatorCount", (long)runs.Sum(r => r.Generators?.Count ?? 1))).ToList();
        var stats = runs.Select(r => r.Statistics).ToList();
        var merged = new RunStatistics(
            AddCounts(stats.Select(s => s.Counts).ToList()),
            stats.Sum(s => s.TotalBytes), stats.Sum(s => s.BodyBytes),
            MergeHistograms(stats.Select(s => s.Total)), MergeHistograms(stats.Select(s => s.Connect)),
            MergeHistograms(stats.Select(s => s.Waiting)), MergeHistograms(stats.Select(s => s.Processing)),
            stats.All(s => s.Corrected is not null) ? MergeHistograms(stats.Select(s => s.Corrected!)) : null,
            AddServedBy(stats.Select(s => s.ServedBy)),
            TimeSeriesAlignment.Align(runs, start));

        // The first record's document carries over what was run (and any field added later); what differs is set here.
        var run = first.Document with
        {
            CommandLine = commandLine,
            Parameters = parameters,
            StartedAt = start,
            Interrupted = runs.Any(r => r.Interrupted),
            Observed = new ObservedDocument
            {
                ServerSoftware = runs.Select(r => r.ServerSoftware).FirstOrDefault(s => s is not null),
                DocumentLength = runs.Select(r => r.DocumentLength).FirstOrDefault(l => l >= 0, -1),
            },
            Generators = [.. runs.SelectMany(r => r.Generators ?? [])],
            // Dropped, not carried: each was judged on one process's share of the requests, and the
            // merged whole may pass or fail differently (re-judge it with testbed-load compare or the suite).
            Thresholds = null,
            // A capacity search is one process's probes; there is no merged search.
            Capacity = null,
            // One generator's view of its own limits; the merged load has no single one.
            Diagnosis = null,
        };
        return RunRecord.Create(run, merged, (end - start).TotalSeconds) with
        {
            Host = first.Host, Port = first.Port, Path = first.Path, VariableLength = first.VariableLength,
            KeepAlive = first.KeepAlive, Concurrency = runs.Sum(r => r.Concurrency), RequestBodyBytes = first.RequestBodyBytes,
        };
    }

    private static bool IsPerGenerator(string key) =>
        PerGenerator.Contains(key) || key.StartsWith("segment", StringComparison.Ordinal) || key == "generatorCount";

    private static void CheckOneLoad(IReadOnlyList<RunRecord> runs)
    {
        var first = runs[0];
        foreach (var r in runs.Skip(1))
        {
            if (r.Profile != first.Profile) throw new InvalidDataException($"different profiles: '{first.Profile}' and '{r.Profile}'");
            if (r.TargetUrl != first.TargetUrl) throw new InvalidDataException($"different targets: '{first.TargetUrl}' and '{r.TargetUrl}'");
            var a = Plan(first);
            var b = Plan(r);
            var differing = a.Keys.Union(b.Keys).Where(k => !Equals(a.GetValueOrDefault(k), b.GetValueOrDefault(k))).ToList();
            if (differing.Count > 0)
                throw new InvalidDataException($"different load plans: {string.Join(", ", differing.Select(k => $"{k} {a.GetValueOrDefault(k) ?? "null"} vs {b.GetValueOrDefault(k) ?? "null"}"))}");
        }

        var segments = runs.SelectMany(r => r.Generators ?? []).Select(g => ParseSegment(g.Segment)).ToList();
        int count = segments[0].Count;
        if (segments.Any(s => s.Count != count))
            throw new InvalidDataException($"segments of different splits: {string.Join(", ", segments.Select(s => $"{s.Index}/{s.Count}").Distinct())}");
        var twice = segments.GroupBy(s => s.Index).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InvalidDataException($"segment {twice.Key}/{count} appears {twice.Count()} times");
        var missing = Enumerable.Range(1, count).Except(segments.Select(s => s.Index)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"segments missing from the split into {count}: {string.Join(", ", missing.Select(i => $"{i}/{count}"))}");
    }

    private static Dictionary<string, object?> Plan(RunRecord r) =>
        r.Parameters.Where(p => !IsPerGenerator(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static (int Index, int Count) ParseSegment(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int i) && int.TryParse(parts[1], out int n) && n >= 1 && i >= 1 && i <= n)
            return (i, n);
        throw new InvalidDataException($"invalid segment '{text}'");
    }

    private static RunCounts AddCounts(IReadOnlyList<RunCounts> counts)
    {
        var byKind = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (kind, n) in counts.SelectMany(c => c.FailedByKind)) byKind[kind] = byKind.GetValueOrDefault(kind) + n;
        return new RunCounts(counts.Sum(c => c.Started), counts.Sum(c => c.Completed), counts.Sum(c => c.Non2xx),
            counts.Sum(c => c.Failed), counts.Sum(c => c.Dropped), byKind, counts.Sum(c => c.KeepAliveRequests));
    }

    private static LatencyHistogram MergeHistograms(IEnumerable<LatencyHistogram> parts)
    {
        var merged = new LatencyHistogram();
        foreach (var h in parts) merged.Merge(h);
        return merged;
    }

    /// <summary>Labels add up; the served-by cap is not applied again (each generator already capped its own).</summary>
    private static IReadOnlyDictionary<string, long> AddServedBy(IEnumerable<IReadOnlyDictionary<string, long>> tallies)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (label, n) in tallies.SelectMany(t => t)) sum[label] = sum.GetValueOrDefault(label) + n;
        return sum.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
