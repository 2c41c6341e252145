namespace Testbed.Parquet;

/// <summary>How <see cref="ParquetWriter"/> encodes and compresses.</summary>
public sealed record ParquetWriteOptions
{
    /// <summary>Page compression. Defaults to <see cref="ParquetCompression.Snappy"/>.</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>Rows per data page. Defaults to 65536 (about 512 KiB of doubles, a typical page size).</summary>
    public int PageRowCount { get; init; } = 65536;

    /// <summary>
    /// Most distinct values for automatic dictionary encoding (<see cref="ParquetField.Dictionary"/> null);
    /// above it, or above half the row count, the column is written PLAIN. Defaults to 65536.
    /// </summary>
    public int MaxDictionarySize { get; init; } = 65536;

    /// <summary>Written to the footer's created_by. Defaults to "Testbed.Parquet".</summary>
    public string CreatedBy { get; init; } = "Testbed.Parquet";

    internal void Validate()
    {
        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "unknown codec");
        }

        if (PageRowCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(PageRowCount), PageRowCount, "must be at least 1");
        }

        if (MaxDictionarySize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDictionarySize), MaxDictionarySize, "must be at least 1");
        }
    }
}
