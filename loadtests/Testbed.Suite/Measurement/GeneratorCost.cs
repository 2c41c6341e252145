
namespace Testbed.Suite.Measurement;

/// <summary>
/// What one generator process of a step's load spent and did: its CPU (user + system) while the
/// load ran, the requests it completed and the seconds its load ran. <see cref="Cores"/> near 1 (or
/// near its share of a shared core) means the generator, not the target, set the pace. Records of
/// generators that give only their whole life's CPU fall back to that over the wall time the
/// suite waited (start-up included).
/// </summary>
internal sealed record GeneratorCost
{
    public required string Segment { get; init; }

    public int Pid { get; init; }

    /// <summary>CPU ms while the load ran (or over the process's life, see the type).</summary>
    public double CpuMs { get; init; } = double.NaN;

    /// <summary>CPU ms over the process's whole life, start-up and writing included.</summary>
    public double ProcessCpuMs { get; init; } = double.NaN;

    public long Completed { get; init; }

    /// <summary>The ms <see cref="CpuMs"/> was spent over: the load's duration, or the suite's wall time around the process.</summary>
    public double WallMs { get; init; } = double.NaN;

    /// <summary>The core(s) it was pinned to, or null when not pinned.</summary>
    public string? PinnedTo { get; init; }

    public double CpuMsPerRequest => Completed > 0 ? CpuMs / Completed : double.NaN;

    /// <summary>The share of one core it used.</summary>
    public double Cores => WallMs > 0 ? CpuMs / WallMs : double.NaN;

    /// <summary>One entry per generator, from each one's own record; a record that names no generator counts as one of unknown CPU.</summary>
    public static List<GeneratorCost> From(IReadOnlyList<RunRecordDocument> segments, double suiteWallMs, Func<int, string?> pinnedTo) =>
        segments.Select((run, i) =>
        {
            var g = run.Generators?.FirstOrDefault();
            return new GeneratorCost
            {
                Segment = g?.Segment ?? $"{i + 1}/{segments.Count}",
                Pid = g?.Pid ?? 0,
                CpuMs = g?.BestCpuMs() ?? double.NaN,
                ProcessCpuMs = g?.CpuSeconds is { } cpu ? cpu * 1000 : double.NaN,
                Completed = run.Counts.Completed,
                WallMs = g?.LoadCpuSeconds is null ? suiteWallMs : run.DurationSeconds * 1000,
                PinnedTo = pinnedTo(i + 1),
            };
        }).ToList();
}
