namespace Testbed.Parquet;

/// <summary>Compression codecs this library reads and writes; values match parquet.thrift.</summary>
public enum ParquetCompression
{
    Uncompressed = 0,
    Snappy = 1,
    Gzip = 2,
}
