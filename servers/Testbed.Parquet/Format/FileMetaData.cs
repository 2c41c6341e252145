namespace Testbed.Parquet.Format;

/// <summary>parquet.thrift FileMetaData (the fields this library uses).</summary>
internal sealed class FileMetaData
{
    public int Version { get; set; } = 1;
    public List<SchemaElement> Schema { get; } = [];
    public long NumRows { get; set; }
    public List<RowGroupMetaData> RowGroups { get; } = [];
    public List<KeyValuePair<string, string?>> KeyValueMetadata { get; } = [];
    public string? CreatedBy { get; set; }
}
