namespace Testbed.Parquet;

/// <summary>One row group: its row count and, per column, codec, encodings and statistics.</summary>
public sealed record ParquetRowGroupInfo(long RowCount, IReadOnlyList<ParquetColumnChunkInfo> Columns);
