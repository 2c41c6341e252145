using System.Numerics;

namespace Testbed.Load.Stats;

/// <summary>
/// Fixed-memory, mergeable log-linear histogram of microsecond values (HdrHistogram's layout,
/// written from its description): values below 256 µs get a bucket each; above, every power of two
/// is split into 128 linear sub-buckets, so a bucket is at most 1/128 (0.78%) of its value wide and
/// the midpoint we report is within 0.4% of any value in it. The range reaches 2^36 µs (19 hours);
/// larger values are clamped to it. About 30 KB per histogram whatever the number of values.
/// Mean and standard deviation come from exact running sums, min and max are exact.
/// Not thread-safe: one aggregator owns it, others merge finished copies.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int LinearLimit = 256;
    private const int SubBuckets = 128;
    private const int SubBucketBits = 7;
    public const long MaxTrackableMicros = (1L << 36) - 1;
    private const int MaxShift = 36 - 1 - SubBucketBits;
    private const int BucketCount = LinearLimit + MaxShift * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];
    private double _sum;
    private double _sumSquares;

    public long Count { get; private set; }
    public long MinMicros { get; private set; } = long.MaxValue;
    public long MaxMicros { get; private set; }

    public double MeanMicros => Count == 0 ? 0 : _sum / Count;

    /// <summary>Population standard deviation, as ab prints it.</summary>
    public double StdDevMicros
    {
        get
        {
            if (Count == 0) return 0;
            double mean = _sum / Count;
            return Math.Sqrt(Math.Max(0, _sumSquares / Count - mean * mean));
        }
    }

    public void Record(long micros)
    {
        if (micros < 0) micros = 0;
        if (micros > MaxTrackableMicros) micros = MaxTrackableMicros;
        _counts[IndexOf(micros)]++;
        Count++;
        _sum += micros;
        _sumSquares += (double)micros * micros;
        if (micros < MinMicros) MinMicros = micros;
        if (micros > MaxMicros) MaxMicros = micros;
    }

    public void Merge(LatencyHistogram other)
    {
        for (int i = 0; i < BucketCount; i++) _counts[i] += other._counts[i];
        Count += other.Count;
        _sum += other._sum;
        _sumSquares += other._sumSquares;
        if (other.Count > 0)
        {
            MinMicros = Math.Min(MinMicros, other.MinMicros);
            MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
        }
    }

    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
        _sum = 0;
        _sumSquares = 0;
        MinMicros = long.MaxValue;
        MaxMicros = 0;
    }

    /// <summary>
    /// Nearest-rank percentile (the value at rank ceil(p/100 × count)), reported as its bucket's
    /// midpoint clamped to the exact min and max; 0 when empty.
    /// </summary>
    public double ValueAtPercentile(double percentile)
    {
        if (Count == 0) return 0;
        long rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        rank = Math.Clamp(rank, 1, Count);
        if (rank == Count) return MaxMicros;
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var (low, high) = BucketRange(i);
                double mid = low == high ? low : (low + high) / 2.0;
                return Math.Clamp(mid, MinMicros, MaxMicros);
            }
        }
        return MaxMicros;
    }

    internal static int IndexOf(long micros)
    {
        if (micros < LinearLimit) return (int)micros;
        int msb = 63 - BitOperations.LeadingZeroCount((ulong)micros);
        int shift = msb - SubBucketBits;
        long top = micros >> shift; // in [128, 255]
        return LinearLimit + (shift - 1) * SubBuckets + (int)(top - SubBuckets);
    }

    /// <summary>Inclusive range of values that land in bucket <paramref name="index"/>.</summary>
    internal static (long Low, long High) BucketRange(int index)
    {
        if (index < LinearLimit) return (index, index);
        int shift = (index - LinearLimit) / SubBuckets + 1;
        long top = (index - LinearLimit) % SubBuckets + SubBuckets;
        long low = top << shift;
        return (low, low + (1L << shift) - 1);
    }
}
