using System.Numerics;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;
using MetaType = Parquet.Meta.Type;

namespace Testbed.Servers.ParquetAdapter;

/// <summary>Reads one flat column of one row group as boxed values, and names its logical type.</summary>
internal static class ParquetValues
{
    public static string LogicalName(SchemaElement e)
    {
        var logical = e.LogicalType;
        if (logical?.STRING is not null || logical?.ENUM is not null || logical?.JSON is not null || e.ConvertedType is ConvertedType.UTF8 or ConvertedType.ENUM or ConvertedType.JSON)
        {
            return "String";
        }

        if (TimestampUnit(e) is { } unit)
        {
            return "Timestamp" + unit;
        }

        if (logical?.DATE is not null || e.ConvertedType == ConvertedType.DATE)
        {
            return "Date";
        }

        if (logical?.DECIMAL is not null || e.ConvertedType == ConvertedType.DECIMAL)
        {
            return $"Decimal({logical?.DECIMAL?.Precision ?? e.Precision}, {logical?.DECIMAL?.Scale ?? e.Scale ?? 0})";
        }

        if (IntegerWidth(e) is { } width)
        {
            return (width.Signed ? "Int" : "UInt") + width.Bits;
        }

        return e.Type switch
        {
            MetaType.BYTE_ARRAY => "Binary",
            MetaType.FIXED_LEN_BYTE_ARRAY => $"FixedLenBinary({e.TypeLength})",
            _ => PhysicalName(e),
        };
    }

    public static string PhysicalName(SchemaElement e) => e.Type switch
    {
        MetaType.BOOLEAN => "Boolean",
        MetaType.INT32 => "Int32",
        MetaType.INT64 => "Int64",
        MetaType.INT96 => "Int96",
        MetaType.FLOAT => "Float",
        MetaType.DOUBLE => "Double",
        MetaType.BYTE_ARRAY => "ByteArray",
        MetaType.FIXED_LEN_BYTE_ARRAY => "FixedLenByteArray",
        _ => "Group",
    };

    public static async ValueTask<object?[]> ReadAsync(ParquetRowGroupReader group, DataField field, SchemaElement e, int count)
    {
        // Integers with a logical type go through the physical type (see ParquetTable).
        if (e.Type == MetaType.INT64 && NeedsPhysicalRead(e))
        {
            var raw = await ReadStructsAsync<long>(group, Physical<long>(field), count);
            return Array.ConvertAll(raw, v => v is long x ? FromInt64(e, x) : null);
        }

        if (e.Type == MetaType.INT32 && NeedsPhysicalRead(e))
        {
            var raw = await ReadStructsAsync<int>(group, Physical<int>(field), count);
            return Array.ConvertAll(raw, v => v is int x ? FromInt32(e, x) : null);
        }

        if (field.ClrType == typeof(string))
        {
            var strings = new string?[count];
            await group.ReadAsync(field, strings.AsMemory());
            return strings;
        }

        if (field.ClrType == typeof(byte[]))
        {
            var bytes = new byte[]?[count];
            await group.ReadAsync(field, bytes.AsMemory());
            return bytes;
        }

        var read = typeof(ParquetValues).GetMethod(nameof(ReadStructsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(field.ClrType);
        return await (ValueTask<object?[]>)read.Invoke(null, [group, field, count])!;
    }

    private static async ValueTask<object?[]> ReadStructsAsync<T>(ParquetRowGroupReader group, DataField field, int count)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[count];
            await group.ReadAsync(field, nullable.AsMemory());
            return Array.ConvertAll(nullable, v => (object?)v);
        }

        var values = new T[count];
        await group.ReadAsync(field, values.AsMemory());
        return Array.ConvertAll(values, v => (object?)v);
    }

    /// <summary>The column as its physical type; Parquet.Net reads only fields attached to a schema, hence the one-field schema.</summary>
    private static DataField Physical<T>(DataField field)
    {
        var physical = new DataField(field.Name, typeof(T), field.IsNullable);
        _ = new ParquetSchema(physical);
        return physical;
    }

    private static bool NeedsPhysicalRead(SchemaElement e) =>
        TimestampUnit(e) is not null || LogicalName(e) is "Date" || IntegerWidth(e) is not null || LogicalName(e).StartsWith("Decimal", StringComparison.Ordinal);

    private static object FromInt64(SchemaElement e, long v) => TimestampUnit(e) switch
    {
        "Millis" => DateTime.UnixEpoch.AddTicks(v * TimeSpan.TicksPerMillisecond),
        "Micros" => DateTime.UnixEpoch.AddTicks(v * TimeSpan.TicksPerMicrosecond),
        "Nanos" => DateTime.UnixEpoch.AddTicks(v / TimeSpan.NanosecondsPerTick),
        _ when IntegerWidth(e) is { Signed: false } => unchecked((ulong)v),
        _ when IntegerWidth(e) is not null => v,
        _ => Decimal(v, e),
    };

    private static object FromInt32(SchemaElement e, int v)
    {
        if (LogicalName(e) == "Date")
        {
            return DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(v));
        }

        return IntegerWidth(e) switch
        {
            { Signed: true, Bits: 8 } => (sbyte)v,
            { Signed: true, Bits: 16 } => (short)v,
            { Signed: true } => v,
            { Signed: false, Bits: 8 } => (byte)v,
            { Signed: false, Bits: 16 } => (ushort)v,
            { Signed: false } => unchecked((uint)v),
            _ => Decimal(v, e),
        };
    }

    private static decimal Decimal(long unscaled, SchemaElement e)
    {
        var scale = e.LogicalType?.DECIMAL?.Scale ?? e.Scale ?? 0;
        return (decimal)new BigInteger(unscaled) / (decimal)BigInteger.Pow(10, scale);
    }

    private static string? TimestampUnit(SchemaElement e)
    {
        var unit = e.LogicalType?.TIMESTAMP?.Unit;
        return unit switch
        {
            { MILLIS: not null } => "Millis",
            { MICROS: not null } => "Micros",
            { NANOS: not null } => "Nanos",
            _ => e.ConvertedType switch
            {
                ConvertedType.TIMESTAMP_MILLIS => "Millis",
                ConvertedType.TIMESTAMP_MICROS => "Micros",
                _ => null,
            },
        };
    }

    private static (bool Signed, int Bits)? IntegerWidth(SchemaElement e)
    {
        if (e.LogicalType?.INTEGER is { } i)
        {
            return (i.IsSigned, i.BitWidth);
        }

        return e.ConvertedType switch
        {
            ConvertedType.INT_8 => (true, 8),
            ConvertedType.INT_16 => (true, 16),
            ConvertedType.INT_32 => (true, 32),
            ConvertedType.INT_64 => (true, 64),
            ConvertedType.UINT_8 => (false, 8),
            ConvertedType.UINT_16 => (false, 16),
            ConvertedType.UINT_32 => (false, 32),
            ConvertedType.UINT_64 => (false, 64),
            _ => null,
        };
    }
}
