using Parquet;

namespace Testbed.Servers.Data;

/// <summary>What <see cref="CandleGenerator"/> produces. The same options always give the same file.</summary>
internal sealed record CandleGeneratorOptions
{
    /// <summary>Days of 1-minute candles per series. Defaults to 30 (58 series × 43,200 minutes ≈ 2.5 M rows).</summary>
    public int Days { get; init; } = 30;

    /// <summary>Seed of the random walks. Defaults to 4.</summary>
    public int Seed { get; init; } = 4;

    /// <summary>End (exclusive) of the last candle, UTC. Defaults to 2024-01-01T00:00Z so the file does not depend on the clock.</summary>
    public DateTime End { get; init; } = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Page codec. Defaults to Snappy.</summary>
    public CompressionMethod Compression { get; init; } = CompressionMethod.Snappy;

    /// <summary>Rows per row group. Defaults to 262,144 (about 6 series per group).</summary>
    public int RowGroupRows { get; init; } = 1 << 18;

    public void Validate()
    {
        if (Days is < 1 or > 3650)
        {
            throw new ArgumentOutOfRangeException(nameof(Days), Days, "must be 1..3650");
        }

        if (RowGroupRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RowGroupRows), RowGroupRows, "must be at least 1");
        }

        if (End.Kind != DateTimeKind.Utc || End.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(End), End, "must be a whole UTC minute");
        }
    }
}
