namespace Testbed.Parquet;

/// <summary>Limits for reading untrusted files.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>
    /// Largest single allocation a read may make, in bytes. Defaults to null: max(16 MiB, 64 × the
    /// file's size), which fits any honest file (compression and RLE rarely expand more than 64×)
    /// while a hostile header cannot claim more memory than a small multiple of the file.
    /// </summary>
    public long? MaxAllocationBytes { get; init; }

    internal long LimitFor(long fileLength)
    {
        var limit = MaxAllocationBytes ?? Math.Max(16L << 20, fileLength * 64);
        if (limit <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAllocationBytes), "must be positive");
        }

        return limit;
    }
}
