namespace Testbed.Parquet;

/// <summary>A column chunk's statistics as natural values (see <see cref="ParquetField.ClrType"/>); null when absent.</summary>
public sealed record ParquetColumnStatistics(object? Min, object? Max, long? NullCount, long? DistinctCount);
