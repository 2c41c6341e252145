namespace Testbed.Load.Engine;

/// <summary>
/// Generator <see cref="Index"/> of <see cref="Count"/> (1-based) when one load is split over several
/// generators (k6's execution segments, in the simplest form that is exact for whole units). Every
/// profile numbers its units (users, threads, requests, arrival hits, concurrent clients) 0, 1, 2, …
/// and unit j belongs to generator (j mod Count) + 1. Each unit keeps the time the whole plan gives
/// it, so the generators' units interleave into exactly the unsegmented schedule and their counts add
/// up to the whole: striding rather than contiguous blocks also keeps every generator's share spread
/// over the whole ramp-up instead of one generator taking all the early users.
/// </summary>
internal sealed record Segment
{
    public static readonly Segment Whole = new(1, 1);

    public Segment(int index, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be at least 1.");
        if (index < 1 || index > count) throw new ArgumentOutOfRangeException(nameof(index), index, $"The index must be between 1 and {count}.");
        Index = index;
        Count = count;
    }

    public int Index { get; }
    public int Count { get; }
    public bool IsWhole => Count == 1;

    /// <summary>How many of units 0 … <paramref name="total"/>−1 belong to this segment.</summary>
    public long ShareOf(long total) => total <= Index - 1 ? 0 : (total - Index) / Count + 1;

    /// <summary>The same for an int-sized total.</summary>
    public int ShareOf(int total) => (int)ShareOf((long)total);

    /// <summary>The whole plan's number of this segment's <paramref name="local"/>-th unit.</summary>
    public long GlobalIndex(long local) => local * Count + (Index - 1);

    /// <summary>This segment's units of a plan of <paramref name="total"/>, each with its start in the whole plan.</summary>
    public IEnumerable<PlannedStart> Starts(long total, Func<long, TimeSpan> startOf)
    {
        for (long local = 0, share = ShareOf(total); local < share; local++)
        {
            long index = GlobalIndex(local);
            yield return new PlannedStart(index, startOf(index));
        }
    }

    public override string ToString() => $"{Index}/{Count}";
}
