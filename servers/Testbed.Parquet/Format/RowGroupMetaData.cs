namespace Testbed.Parquet.Format;

/// <summary>parquet.thrift RowGroup.</summary>
internal sealed class RowGroupMetaData
{
    public List<ColumnChunkMetaData> Columns { get; } = [];
    public long TotalByteSize { get; set; }
    public long NumRows { get; set; }
}
