namespace Testbed.Parquet.Format;

/// <summary>parquet.thrift PageHeader with its data/dictionary/v2 sub-headers flattened.</summary>
internal sealed class PageHeader
{
    public int Type { get; set; } = -1;
    public int UncompressedPageSize { get; set; } = -1;
    public int CompressedPageSize { get; set; } = -1;

    // DataPageHeader, DataPageHeaderV2 and DictionaryPageHeader share these.
    public bool HasSubHeader { get; set; }
    public int NumValues { get; set; }
    public int Encoding { get; set; }

    // DataPageHeader (v1).
    public int DefinitionLevelEncoding { get; set; } = ParquetEncoding.Rle;
    public int RepetitionLevelEncoding { get; set; } = ParquetEncoding.Rle;

    // DataPageHeaderV2.
    public int NumNulls { get; set; }
    public int NumRows { get; set; }
    public int DefinitionLevelsByteLength { get; set; }
    public int RepetitionLevelsByteLength { get; set; }
    public bool IsCompressed { get; set; } = true;
}
