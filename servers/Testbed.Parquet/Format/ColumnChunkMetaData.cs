namespace Testbed.Parquet.Format;

/// <summary>parquet.thrift ColumnChunk with its ColumnMetaData merged in.</summary>
internal sealed class ColumnChunkMetaData
{
    public string? FilePath { get; set; }
    public long FileOffset { get; set; }
    public bool HasMetaData { get; set; }
    public int Type { get; set; }
    public List<int> Encodings { get; } = [];
    public List<string> PathInSchema { get; } = [];
    public int Codec { get; set; }
    public long NumValues { get; set; }
    public long TotalUncompressedSize { get; set; }
    public long TotalCompressedSize { get; set; }
    public long DataPageOffset { get; set; }
    public long? DictionaryPageOffset { get; set; }
    public StatisticsData? Statistics { get; set; }
}
