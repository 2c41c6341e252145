using System.Buffers.Binary;

namespace Testbed.Parquet.Writing;

/// <summary>Min and max of a column chunk in the column's sort order (NaN skipped, INT96 none).</summary>
internal static class StatisticsCollector
{
    public static (byte[]? Min, byte[]? Max) MinMax(ParquetField f, ValueBuffer values)
    {
        if (f.PhysicalType == ParquetPhysicalType.Int96 || values.Count == 0)
        {
            return (null, null);
        }

        var compare = Comparer(f);
        var min = -1;
        var max = -1;
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (IsNaN(f.PhysicalType, v))
            {
                continue;
            }

            if (min < 0)
            {
                min = max = i;
                continue;
            }

            if (compare(v, values[min]) < 0)
            {
                min = i;
            }
            else if (compare(v, values[max]) > 0)
            {
                max = i;
            }
        }

        return min < 0 ? (null, null) : (values[min].ToArray(), values[max].ToArray());
    }

    private delegate int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b);

    private static bool IsNaN(ParquetPhysicalType t, ReadOnlySpan<byte> v) => t switch
    {
        ParquetPhysicalType.Float => float.IsNaN(BinaryPrimitives.ReadSingleLittleEndian(v)),
        ParquetPhysicalType.Double => double.IsNaN(BinaryPrimitives.ReadDoubleLittleEndian(v)),
        _ => false,
    };

    private static Compare Comparer(ParquetField f)
    {
        var unsigned = f.Type is ParquetType.UInt8 or ParquetType.UInt16 or ParquetType.UInt32 or ParquetType.UInt64;
        return f.PhysicalType switch
        {
            ParquetPhysicalType.Boolean => static (a, b) => a[0].CompareTo(b[0]),
            ParquetPhysicalType.Int32 when unsigned => static (a, b) => BinaryPrimitives.ReadUInt32LittleEndian(a).CompareTo(BinaryPrimitives.ReadUInt32LittleEndian(b)),
            ParquetPhysicalType.Int32 => static (a, b) => BinaryPrimitives.ReadInt32LittleEndian(a).CompareTo(BinaryPrimitives.ReadInt32LittleEndian(b)),
            ParquetPhysicalType.Int64 when unsigned => static (a, b) => BinaryPrimitives.ReadUInt64LittleEndian(a).CompareTo(BinaryPrimitives.ReadUInt64LittleEndian(b)),
            ParquetPhysicalType.Int64 => static (a, b) => BinaryPrimitives.ReadInt64LittleEndian(a).CompareTo(BinaryPrimitives.ReadInt64LittleEndian(b)),
            ParquetPhysicalType.Float => static (a, b) => BinaryPrimitives.ReadSingleLittleEndian(a).CompareTo(BinaryPrimitives.ReadSingleLittleEndian(b)),
            ParquetPhysicalType.Double => static (a, b) => BinaryPrimitives.ReadDoubleLittleEndian(a).CompareTo(BinaryPrimitives.ReadDoubleLittleEndian(b)),

            // Decimals in bytes are big-endian two's complement of one width: flip the sign bit, then compare unsigned.
            _ when f.Type == ParquetType.Decimal => static (a, b) =>
            {
                if ((a[0] ^ b[0]) >= 0x80)
                {
                    return (a[0] & 0x80) != 0 ? -1 : 1;
                }

                return a.SequenceCompareTo(b);
            },
            _ => static (a, b) => a.SequenceCompareTo(b),
        };
    }
}
