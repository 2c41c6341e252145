namespace Testbed.Parquet;

/// <summary>One column chunk's metadata: the codec name (SNAPPY, GZIP, ...), encoding names and statistics.</summary>
public sealed record ParquetColumnChunkInfo(string Codec, IReadOnlyList<string> Encodings, long CompressedSize, long UncompressedSize, ParquetColumnStatistics? Statistics);
