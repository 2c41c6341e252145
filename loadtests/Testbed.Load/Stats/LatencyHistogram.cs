using HdrHistogram;

namespace Testbed.Load.Stats;

/// <summary>
/// Latency in microseconds, recorded into an HdrHistogram <see cref="LongHistogram"/> (1 µs to 2^36 µs,
/// about 19 hours, 3 significant digits: values below 2,048 µs are exact, larger ones land in buckets
/// at most 1/1024 of their value wide). The HdrHistogram is what run records carry and merge, so runs
/// combine exactly and other HdrHistogram tools read them. Beside it this wrapper keeps exact running
/// sums and the exact min and max, so that mean, standard deviation and the extremes in reports are
/// not rounded to a bucket. A <see cref="LongHistogram"/>, not a <see cref="Recorder"/>: one aggregator
/// owns every histogram, so recording needs no synchronisation. Not thread-safe.
/// </summary>
internal sealed class LatencyHistogram
{
    public const long MaxTrackableMicros = (1L << 36) - 1;
    public const int SignificantDigits = 3;

    private readonly LongHistogram _histogram = new(1, MaxTrackableMicros, SignificantDigits);
    private double _sum;
    private double _sumSquares;

    public long Count => _histogram.TotalCount;
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

    /// <summary>The recorded counts, for encoding into run records and interval logs.</summary>
    public HistogramBase Hdr => _histogram;

    /// <summary>
    /// Rebuilds a histogram from a run record: the counts from its encoded HdrHistogram, the exact extremes,
    /// and the running sums from its mean and standard deviation (kept to the microsecond in the record).
    /// </summary>
    public static LatencyHistogram FromRecorded(HistogramBase counts, long minMicros, long maxMicros, double meanMicros, double stdDevMicros)
    {
        var h = new LatencyHistogram();
        h._histogram.Add(counts);
        long n = h.Count;
        if (n == 0) return h;
        h._sum = meanMicros * n;
        h._sumSquares = n * (stdDevMicros * stdDevMicros + meanMicros * meanMicros);
        h.MinMicros = minMicros;
        h.MaxMicros = maxMicros;
        return h;
    }

    public void Record(long micros)
    {
        // Clamped rather than thrown: one absurd value (a clock jump) must not end a run.
        if (micros < 0) micros = 0;
        if (micros > MaxTrackableMicros) micros = MaxTrackableMicros;
        _histogram.RecordValue(micros);
        _sum += micros;
        _sumSquares += (double)micros * micros;
        if (micros < MinMicros) MinMicros = micros;
        if (micros > MaxMicros) MaxMicros = micros;
    }

    public void Merge(LatencyHistogram other)
    {
        _histogram.Add(other._histogram);
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
        _histogram.Reset();
        _sum = 0;
        _sumSquares = 0;
        MinMicros = long.MaxValue;
        MaxMicros = 0;
    }

    /// <summary>
    /// Nearest-rank percentile (the value at rank ceil(p/100 × count)), reported as the middle of its
    /// HdrHistogram bucket clamped to the exact min and max; 0 when empty. HdrHistogram's own
    /// <see cref="HistogramBase.GetValueAtPercentile"/> rounds the rank to nearest and reports the
    /// bucket's top; asking it for the percentile of our rank keeps the reports' definition.
    /// </summary>
    public double ValueAtPercentile(double percentile)
    {
        long count = Count;
        if (count == 0) return 0;
        long rank = (long)Math.Ceiling(percentile / 100.0 * count);
        rank = Math.Clamp(rank, 1, count);
        if (rank == count) return MaxMicros;
        long top = _histogram.GetValueAtPercentile(100.0 * rank / count);
        return Math.Clamp(_histogram.MedianEquivalentValue(top), MinMicros, MaxMicros);
    }
}
