namespace Testbed.Suite.Runs;

/// <summary>
/// What one generator process of a step's load spent: its CPU (user + system over its whole life,
/// start-up included, as its run record says), the requests it completed and the wall time the
/// suite waited for the load. <see cref="Cores"/> near 1 (or near its share of a shared core) means
/// the generator, not the target, set the pace.
/// </summary>
internal sealed record GeneratorCost
{
    public required string Segment { get; init; }

    public int Pid { get; init; }

    public double CpuMs { get; init; } = double.NaN;

    public long Completed { get; init; }

    public double WallMs { get; init; } = double.NaN;

    /// <summary>The core(s) it was pinned to, or null when not pinned.</summary>
    public string? PinnedTo { get; init; }

    public double CpuMsPerRequest => Completed > 0 ? CpuMs / Completed : double.NaN;

    /// <summary>The share of one core it used over the load's wall time.</summary>
    public double Cores => WallMs > 0 ? CpuMs / WallMs : double.NaN;

    /// <summary>One entry per generator: each segment record names its own process; a record without that list counts as one unknown.</summary>
    public static List<GeneratorCost> From(IReadOnlyList<RunRecordView> segments, double wallMs, Func<int, string?> pinnedTo) =>
        segments.Select((run, i) => run.Generators.FirstOrDefault() is { } g
            ? new GeneratorCost
            {
                Segment = g.Segment,
                Pid = g.Pid,
                CpuMs = g.CpuSeconds is { } cpu ? cpu * 1000 : double.NaN,
                Completed = run.Counts.Completed,
                WallMs = wallMs,
                PinnedTo = pinnedTo(i + 1),
            }
            : new GeneratorCost { Segment = $"{i + 1}/{segments.Count}", Completed = run.Counts.Completed, WallMs = wallMs, PinnedTo = pinnedTo(i + 1) }).ToList();
}
