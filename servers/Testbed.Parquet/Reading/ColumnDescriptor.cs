namespace Testbed.Parquet.Reading;

/// <summary>A leaf column of the file's schema with what decoding needs.</summary>
internal sealed record ColumnDescriptor(int Index, ParquetField Field, string Path, int MaxDefinitionLevel, int MaxRepetitionLevel)
{
    public ParquetPhysicalType Physical => Field.PhysicalType;

    /// <summary>Bytes per value of fixed-width physical types (INT96 is 12, FIXED_LEN_BYTE_ARRAY its length).</summary>
    public int FixedWidth => Physical switch
    {
        ParquetPhysicalType.Int96 => 12,
        ParquetPhysicalType.FixedLenByteArray => Field.TypeLength,
        _ => 0,
    };
}
