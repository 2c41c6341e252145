namespace Testbed.Parquet;

/// <summary>The physical (storage) types of the Parquet format; values match parquet.thrift.</summary>
public enum ParquetPhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Int96 = 3,
    Float = 4,
    Double = 5,
    ByteArray = 6,
    FixedLenByteArray = 7,
}
