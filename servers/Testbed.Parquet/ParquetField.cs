namespace Testbed.Parquet;

/// <summary>
/// One column of a flat schema. The reader builds these from a file's schema; a writer takes them
/// to declare its columns.
/// </summary>
/// <param name="Name">Column name (a nested column read from a file has a dotted path).</param>
/// <param name="Type">Value type, see <see cref="ParquetType"/>.</param>
/// <param name="Nullable">Optional column (definition level 1). Defaults to required.</param>
public sealed record ParquetField(string Name, ParquetType Type, bool Nullable = false)
{
    /// <summary>Byte width of a <see cref="ParquetType.FixedLenBinary"/> column (and of a fixed-width decimal read from a file).</summary>
    public int TypeLength { get; init; }

    /// <summary>Decimal precision (digits), 1..28 for writing. Defaults to 0 (not a decimal).</summary>
    public int Precision { get; init; }

    /// <summary>Decimal scale (digits after the point). Defaults to 0.</summary>
    public int Scale { get; init; }

    /// <summary>
    /// Writer hint: true forces dictionary encoding, false forces PLAIN, null (the default) lets the
    /// writer use a dictionary when the column has few distinct values.
    /// </summary>
    public bool? Dictionary { get; init; }

    /// <summary>The physical type; set by the reader, derived from <see cref="Type"/> by the writer.</summary>
    public ParquetPhysicalType PhysicalType
    {
        get => _physicalType ?? DefaultPhysicalType(Type, Precision);
        init => _physicalType = value;
    }

    private readonly ParquetPhysicalType? _physicalType;

    /// <summary>
    /// Why this column cannot be read (a nested or repeated column), or null when it can. Set by
    /// the reader; <see cref="ParquetReader.ReadColumn{T}(int)"/> throws with this text.
    /// </summary>
    public string? Unsupported { get; init; }

    /// <summary>The CLR element type of <see cref="ParquetReader.ReadColumn{T}(int)"/> for this column's natural values.</summary>
    public Type ClrType => Type switch
    {
        ParquetType.Boolean => typeof(bool),
        ParquetType.Int8 => typeof(sbyte),
        ParquetType.Int16 => typeof(short),
        ParquetType.Int32 => typeof(int),
        ParquetType.Int64 => typeof(long),
        ParquetType.UInt8 => typeof(byte),
        ParquetType.UInt16 => typeof(ushort),
        ParquetType.UInt32 => typeof(uint),
        ParquetType.UInt64 => typeof(ulong),
        ParquetType.Float => typeof(float),
        ParquetType.Double => typeof(double),
        ParquetType.String => typeof(string),
        ParquetType.Binary or ParquetType.FixedLenBinary => typeof(byte[]),
        ParquetType.Date => typeof(DateOnly),
        ParquetType.TimestampMillis or ParquetType.TimestampMicros or ParquetType.TimestampNanos or ParquetType.Int96 => typeof(DateTime),
        ParquetType.Decimal => typeof(decimal),
        _ => throw new ParquetException($"unknown type {Type}"),
    };

    /// <summary>The physical type the writer uses for a value type.</summary>
    public static ParquetPhysicalType DefaultPhysicalType(ParquetType type, int precision) => type switch
    {
        ParquetType.Boolean => ParquetPhysicalType.Boolean,
        ParquetType.Int8 or ParquetType.Int16 or ParquetType.Int32 or ParquetType.UInt8 or ParquetType.UInt16
            or ParquetType.UInt32 or ParquetType.Date => ParquetPhysicalType.Int32,
        ParquetType.Int64 or ParquetType.UInt64 or ParquetType.TimestampMillis or ParquetType.TimestampMicros
            or ParquetType.TimestampNanos => ParquetPhysicalType.Int64,
        ParquetType.Float => ParquetPhysicalType.Float,
        ParquetType.Double => ParquetPhysicalType.Double,
        ParquetType.String or ParquetType.Binary => ParquetPhysicalType.ByteArray,
        ParquetType.FixedLenBinary => ParquetPhysicalType.FixedLenByteArray,
        ParquetType.Int96 => ParquetPhysicalType.Int96,
        ParquetType.Decimal => precision <= 9 ? ParquetPhysicalType.Int32 : precision <= 18 ? ParquetPhysicalType.Int64 : ParquetPhysicalType.FixedLenByteArray,
        _ => throw new ParquetException($"unknown type {type}"),
    };
}
