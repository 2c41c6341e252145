namespace Testbed.Parquet.Reading;

/// <summary>
/// Decoded values of one column in physical form: definition levels per row (optional columns
/// only) and the non-null values densely. Byte arrays stay dictionary-indexed while every page
/// is dictionary-encoded, so that strings are built once per dictionary entry, not per row.
/// </summary>
internal sealed class PhysicalValues
{
    public PhysicalValues(ColumnDescriptor column, long rows, AllocationBudget budget)
    {
        Column = column;
        Budget = budget;
        var n = budget.CheckedLength(rows, 8, $"column '{column.Path}'");
        Capacity = n;
        if (column.MaxDefinitionLevel > 0)
        {
            Defs = new byte[n];
        }

        switch (column.Physical)
        {
            case ParquetPhysicalType.Boolean: Bools = new bool[n]; break;
            case ParquetPhysicalType.Int32: Ints = new int[n]; break;
            case ParquetPhysicalType.Int64: Longs = new long[n]; break;
            case ParquetPhysicalType.Float: Floats = new float[n]; break;
            case ParquetPhysicalType.Double: Doubles = new double[n]; break;
            case ParquetPhysicalType.Int96:
            case ParquetPhysicalType.FixedLenByteArray:
                Fixed = new byte[budget.CheckedLength((long)n * column.FixedWidth, 1, $"column '{column.Path}'")];
                break;
            case ParquetPhysicalType.ByteArray: break;
        }
    }

    public ColumnDescriptor Column { get; }
    public AllocationBudget Budget { get; }
    public int Capacity { get; }
    public int RowCount { get; set; }
    public int ValueCount { get; set; }
    public byte[]? Defs { get; }
    public bool[]? Bools { get; }
    public int[]? Ints { get; }
    public long[]? Longs { get; }
    public float[]? Floats { get; }
    public double[]? Doubles { get; }
    public byte[]? Fixed { get; }

    /// <summary>Plain byte-array values (one per non-null value), or null while in dictionary mode.</summary>
    public ByteArrayList? Bytes { get; set; }

    /// <summary>All row groups' dictionaries back to back (dictionary mode).</summary>
    public ByteArrayList? Dictionary { get; set; }

    /// <summary>Indices into <see cref="Dictionary"/>, one per non-null value (dictionary mode).</summary>
    public int[]? Indices { get; set; }

    public bool HasNulls => Defs is not null && ValueCount < RowCount;

    /// <summary>Leaves dictionary mode: copies the indexed values out so plain values can follow.</summary>
    public ByteArrayList EnsurePlainBytes()
    {
        if (Bytes is not null)
        {
            return Bytes;
        }

        var list = new ByteArrayList(Budget, Capacity);
        if (Indices is not null && Dictionary is not null)
        {
            for (var i = 0; i < ValueCount; i++)
            {
                list.Add(Dictionary[Indices[i]]);
            }
        }

        Bytes = list;
        Indices = null;
        Dictionary = null;
        return list;
    }
}
