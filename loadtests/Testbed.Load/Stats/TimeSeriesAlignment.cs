namespace Testbed.Load.Stats;

/// <summary>
/// Puts the per-second rows of several generators' records on one wall-clock axis. Merged row 1 is the
/// whole UTC second in which the earliest generator started; a generator's row (one second from its own
/// start) goes to the wall-clock second that holds its middle, the second it overlaps most. Counts,
/// bytes and gauges add; the mean is weighted by responses; the max is the highest. Per-second
/// percentiles cannot be merged from the rows (their histograms are not in the record), so a merged
/// row's p50/p95/p99 is the highest generator's: an upper bound. The run's own percentiles are exact.
/// </summary>
internal static class TimeSeriesAlignment
{
    public static IReadOnlyList<TimeSeriesPoint> Align(IReadOnlyList<RunRecord> runs, DateTimeOffset earliestStart)
    {
        var origin = new DateTimeOffset(earliestStart.UtcTicks - earliestStart.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var rows = new SortedDictionary<int, List<TimeSeriesPoint>>();
        foreach (var run in runs)
        {
            double offset = (run.StartedAt - origin).TotalSeconds;
            foreach (var p in run.Statistics.TimeSeries)
            {
                int second = (int)Math.Floor(offset + p.Second - 0.5) + 1;
                if (!rows.TryGetValue(second, out var list)) rows[second] = list = [];
                list.Add(p);
            }
        }
        if (rows.Count == 0) return [];
        var merged = new List<TimeSeriesPoint>(rows.Keys.Max());
        for (int second = 1; second <= rows.Keys.Max(); second++)
        {
            merged.Add(rows.TryGetValue(second, out var parts) ? Combine(second, parts) : Empty(second));
        }
        return merged;
    }

    private static TimeSeriesPoint Combine(int second, List<TimeSeriesPoint> parts)
    {
        long responses = parts.Sum(p => p.Completed + p.Non2xx);
        double mean = responses == 0 ? 0 : parts.Sum(p => p.MeanMs * (p.Completed + p.Non2xx)) / responses;
        return new TimeSeriesPoint(second, parts.Sum(p => p.Completed), parts.Sum(p => p.Non2xx), parts.Sum(p => p.Failed),
            Math.Round(parts.Sum(p => p.Rps), 2), Math.Round(mean, 3), parts.Max(p => p.P50Ms), parts.Max(p => p.P95Ms),
            parts.Max(p => p.P99Ms), parts.Max(p => p.MaxMs), parts.Sum(p => p.Users), parts.Sum(p => p.InFlight),
            parts.Sum(p => p.Bytes));
    }

    private static TimeSeriesPoint Empty(int second) => new(second, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
