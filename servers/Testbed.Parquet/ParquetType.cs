namespace Testbed.Parquet;

/// <summary>
/// The value type of a column as a user sees it: a physical type plus its logical annotation.
/// Each maps to one CLR type (<see cref="ParquetField.ClrType"/>).
/// </summary>
public enum ParquetType
{
    /// <summary>BOOLEAN → <see cref="bool"/>.</summary>
    Boolean,
    /// <summary>INT32 with INT(8, signed) → <see cref="sbyte"/>.</summary>
    Int8,
    /// <summary>INT32 with INT(16, signed) → <see cref="short"/>.</summary>
    Int16,
    /// <summary>INT32 → <see cref="int"/> (also TIME_MILLIS and other INT32 annotations we do not interpret).</summary>
    Int32,
    /// <summary>INT64 → <see cref="long"/> (also TIME_MICROS/NANOS).</summary>
    Int64,
    /// <summary>INT32 with INT(8, unsigned) → <see cref="byte"/>.</summary>
    UInt8,
    /// <summary>INT32 with INT(16, unsigned) → <see cref="ushort"/>.</summary>
    UInt16,
    /// <summary>INT32 with INT(32, unsigned) → <see cref="uint"/>.</summary>
    UInt32,
    /// <summary>INT64 with INT(64, unsigned) → <see cref="ulong"/>.</summary>
    UInt64,
    /// <summary>FLOAT → <see cref="float"/>.</summary>
    Float,
    /// <summary>DOUBLE → <see cref="double"/>.</summary>
    Double,
    /// <summary>BYTE_ARRAY with STRING/UTF8 (or ENUM, JSON) → <see cref="string"/>.</summary>
    String,
    /// <summary>BYTE_ARRAY without a string annotation → <see cref="byte"/>[].</summary>
    Binary,
    /// <summary>FIXED_LEN_BYTE_ARRAY of <see cref="ParquetField.TypeLength"/> bytes → <see cref="byte"/>[].</summary>
    FixedLenBinary,
    /// <summary>INT32 with DATE (days since 1970-01-01) → <see cref="DateOnly"/>.</summary>
    Date,
    /// <summary>INT64 with TIMESTAMP(MILLIS) → <see cref="DateTime"/> (UTC).</summary>
    TimestampMillis,
    /// <summary>INT64 with TIMESTAMP(MICROS) → <see cref="DateTime"/> (UTC).</summary>
    TimestampMicros,
    /// <summary>INT64 with TIMESTAMP(NANOS) → <see cref="DateTime"/> (UTC, truncated to 100 ns ticks).</summary>
    TimestampNanos,
    /// <summary>DECIMAL(precision, scale) on INT32, INT64, FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY → <see cref="decimal"/>.</summary>
    Decimal,
    /// <summary>INT96 (legacy Impala/Spark timestamp) → <see cref="DateTime"/> (UTC).</summary>
    Int96,
}
