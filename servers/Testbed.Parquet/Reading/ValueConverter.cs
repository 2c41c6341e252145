using System.Buffers.Binary;
using System.Text;

namespace Testbed.Parquet.Reading;

/// <summary>
/// Converts decoded physical values to the CLR array a caller asked for: the field's natural type
/// (<see cref="ParquetField.ClrType"/>) or its physical type, nullable or not. Required columns
/// read as their own type return the decoded array itself, without a copy.
/// </summary>
internal static class ValueConverter
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static T[] Convert<T>(PhysicalValues pv)
    {
        var field = pv.Column.Field;
        var underlying = Nullable.GetUnderlyingType(typeof(T));
        var elementType = underlying ?? typeof(T);
        var dense = Dense(pv, elementType);
        if (underlying is null && typeof(T).IsValueType)
        {
            if (pv.HasNulls)
            {
                throw new ParquetException($"column '{field.Name}' holds nulls: read it as {typeof(T).Name}? instead");
            }

            return (T[])dense;
        }

        if (pv.Defs is null && !typeof(T).IsValueType)
        {
            return (T[])dense;
        }

        return (T[])Spread(dense, pv, typeof(T));
    }

    /// <summary>Natural values boxed, null for nulls (for printing).</summary>
    public static object?[] Boxed(PhysicalValues pv)
    {
        var dense = Dense(pv, pv.Column.Field.ClrType);
        var result = new object?[pv.RowCount];
        var v = 0;
        for (var i = 0; i < result.Length; i++)
        {
            if (pv.Defs is null || pv.Defs[i] != 0)
            {
                result[i] = dense.GetValue(v++);
            }
        }

        return result;
    }

    private static Array Spread(Array dense, PhysicalValues pv, Type t)
    {
        // Match the exact array type: the CLR lets a ulong[] pass as long[] (and uint[] as int[]).
        var e = dense.GetType().GetElementType();
        return e switch
        {
            _ when e == typeof(bool) => SpreadValue((bool[])dense, pv),
            _ when e == typeof(int) => SpreadValue((int[])dense, pv),
            _ when e == typeof(long) => SpreadValue((long[])dense, pv),
            _ when e == typeof(float) => SpreadValue((float[])dense, pv),
            _ when e == typeof(double) => SpreadValue((double[])dense, pv),
            _ when e == typeof(sbyte) => SpreadValue((sbyte[])dense, pv),
            _ when e == typeof(short) => SpreadValue((short[])dense, pv),
            _ when e == typeof(byte) => SpreadValue((byte[])dense, pv),
            _ when e == typeof(ushort) => SpreadValue((ushort[])dense, pv),
            _ when e == typeof(uint) => SpreadValue((uint[])dense, pv),
            _ when e == typeof(ulong) => SpreadValue((ulong[])dense, pv),
            _ when e == typeof(DateOnly) => SpreadValue((DateOnly[])dense, pv),
            _ when e == typeof(DateTime) => SpreadValue((DateTime[])dense, pv),
            _ when e == typeof(decimal) => SpreadValue((decimal[])dense, pv),
            _ when e == typeof(string) => SpreadRef((string[])dense, pv),
            _ when e == typeof(byte[]) => SpreadRef((byte[][])dense, pv),
            _ => throw new ParquetException($"cannot read column '{pv.Column.Field.Name}' as {t.Name}"),
        };
    }

    private static T?[] SpreadValue<T>(T[] dense, PhysicalValues pv)
        where T : struct
    {
        var result = new T?[pv.RowCount];
        var defs = pv.Defs;
        var v = 0;
        for (var i = 0; i < result.Length; i++)
        {
            if (defs is null || defs[i] != 0)
            {
                result[i] = dense[v++];
            }
        }

        return result;
    }

    private static T?[] SpreadRef<T>(T[] dense, PhysicalValues pv)
        where T : class
    {
        var result = new T?[pv.RowCount];
        var defs = pv.Defs!;
        var v = 0;
        for (var i = 0; i < result.Length; i++)
        {
            if (defs[i] != 0)
            {
                result[i] = dense[v++];
            }
        }

        return result;
    }

    private static T[] Exact<T>(T[] array, int count) => array.Length == count ? array : array[..count];

    private static Array Dense(PhysicalValues pv, Type t)
    {
        var field = pv.Column.Field;
        var n = pv.ValueCount;
        var physical = field.PhysicalType;
        var type = field.Type;
        var natural = field.ClrType;
        if (t != natural && !IsPhysicalClrType(physical, t))
        {
            throw new ParquetException($"column '{field.Name}' ({type}, {physical}) cannot be read as {t.Name}: use {natural.Name}");
        }

        if (t == typeof(bool))
        {
            return Exact(pv.Bools!, n);
        }

        if (t == typeof(int))
        {
            return Exact(pv.Ints!, n);
        }

        if (t == typeof(long))
        {
            return Exact(pv.Longs!, n);
        }

        if (t == typeof(float))
        {
            return Exact(pv.Floats!, n);
        }

        if (t == typeof(double))
        {
            return Exact(pv.Doubles!, n);
        }

        if (t == typeof(sbyte))
        {
            return Map(pv.Ints!, n, static v => (sbyte)v);
        }

        if (t == typeof(short))
        {
            return Map(pv.Ints!, n, static v => (short)v);
        }

        if (t == typeof(byte))
        {
            return Map(pv.Ints!, n, static v => (byte)v);
        }

        if (t == typeof(ushort))
        {
            return Map(pv.Ints!, n, static v => (ushort)v);
        }

        if (t == typeof(uint))
        {
            return Map(pv.Ints!, n, static v => unchecked((uint)v));
        }

        if (t == typeof(ulong))
        {
            return Map(pv.Longs!, n, static v => unchecked((ulong)v));
        }

        if (t == typeof(DateOnly))
        {
            return Map(pv.Ints!, n, v => (long)v + EpochDayNumber is >= 0 and <= 3652058 ? DateOnly.FromDayNumber(v + EpochDayNumber) : throw OutOfRange(field, v));
        }

        if (t == typeof(DateTime))
        {
            if (physical == ParquetPhysicalType.Int96)
            {
                var fixedBytes = pv.Fixed!;
                var result = new DateTime[n];
                for (var i = 0; i < n; i++)
                {
                    var nanos = BinaryPrimitives.ReadInt64LittleEndian(fixedBytes.AsSpan(i * 12));
                    var julian = BinaryPrimitives.ReadInt32LittleEndian(fixedBytes.AsSpan(i * 12 + 8));
                    result[i] = Ticks(field, ((long)julian - 2440588) * TimeSpan.TicksPerDay + nanos / 100, julian);
                }

                return result;
            }

            long divisor = type switch
            {
                ParquetType.TimestampMillis => -TimeSpan.TicksPerMillisecond,
                ParquetType.TimestampMicros => -TimeSpan.TicksPerMicrosecond,
                _ => 100,
            };
            var longs = pv.Longs!;
            var dt = new DateTime[n];
            for (var i = 0; i < n; i++)
            {
                var v = longs[i];
                long ticks;
                if (divisor < 0)
                {
                    var m = -divisor;
                    if (v > long.MaxValue / m || v < long.MinValue / m)
                    {
                        throw OutOfRange(field, v);
                    }

                    ticks = v * m;
                }
                else
                {
                    ticks = v / divisor;
                }

                dt[i] = Ticks(field, ticks, v);
            }

            return dt;
        }

        if (t == typeof(decimal))
        {
            var scale = field.Scale;
            var result = new decimal[n];
            switch (physical)
            {
                case ParquetPhysicalType.Int32:
                    for (var i = 0; i < n; i++)
                    {
                        result[i] = new decimal((int)(uint)Math.Abs((long)pv.Ints![i]), 0, 0, pv.Ints[i] < 0, (byte)scale);
                    }

                    break;
                case ParquetPhysicalType.Int64:
                    for (var i = 0; i < n; i++)
                    {
                        var v = pv.Longs![i];
                        var mag = v == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(v);
                        result[i] = new decimal((int)(uint)mag, (int)(uint)(mag >> 32), 0, v < 0, (byte)scale);
                    }

                    break;
                case ParquetPhysicalType.FixedLenByteArray:
                    {
                        var w = field.TypeLength;
                        for (var i = 0; i < n; i++)
                        {
                            result[i] = FromBigEndian(pv.Fixed.AsSpan(i * w, w), scale, field);
                        }

                        break;
                    }

                default:
                    {
                        ForEachBytes(pv, n, (i, bytes) => result[i] = FromBigEndian(bytes, scale, field));
                        break;
                    }
            }

            return result;
        }

        if (t == typeof(string))
        {
            if (pv.Indices is not null && pv.Dictionary is not null)
            {
                var dict = pv.Dictionary;
                var strings = new string?[dict.Count];
                var indices = pv.Indices;
                var result = new string[n];
                for (var i = 0; i < n; i++)
                {
                    var k = indices[i];
                    result[i] = strings[k] ??= Encoding.UTF8.GetString(dict[k]);
                }

                return result;
            }

            var s = new string[n];
            if (physical == ParquetPhysicalType.ByteArray)
            {
                ForEachBytes(pv, n, (i, bytes) => s[i] = Encoding.UTF8.GetString(bytes));
            }

            return s;
        }

        if (t == typeof(byte[]))
        {
            var result = new byte[n][];
            if (physical == ParquetPhysicalType.ByteArray)
            {
                ForEachBytes(pv, n, (i, bytes) => result[i] = bytes.ToArray());
            }
            else
            {
                var w = pv.Column.FixedWidth;
                for (var i = 0; i < n; i++)
                {
                    result[i] = pv.Fixed.AsSpan(i * w, w).ToArray();
                }
            }

            return result;
        }

        throw new ParquetException($"column '{field.Name}' cannot be read as {t.Name}");
    }

    private delegate void BytesAction(int index, ReadOnlySpan<byte> bytes);

    private static void ForEachBytes(PhysicalValues pv, int n, BytesAction action)
    {
        if (pv.Indices is not null && pv.Dictionary is not null)
        {
            for (var i = 0; i < n; i++)
            {
                action(i, pv.Dictionary[pv.Indices[i]]);
            }
        }
        else if (pv.Bytes is not null)
        {
            for (var i = 0; i < n; i++)
            {
                action(i, pv.Bytes[i]);
            }
        }
    }

    private static bool IsPhysicalClrType(ParquetPhysicalType physical, Type t) => physical switch
    {
        ParquetPhysicalType.Boolean => t == typeof(bool),
        ParquetPhysicalType.Int32 => t == typeof(int),
        ParquetPhysicalType.Int64 => t == typeof(long),
        ParquetPhysicalType.Float => t == typeof(float),
        ParquetPhysicalType.Double => t == typeof(double),
        ParquetPhysicalType.ByteArray => t == typeof(byte[]) || t == typeof(string),
        _ => t == typeof(byte[]),
    };

    private static TOut[] Map<TIn, TOut>(TIn[] input, int n, Func<TIn, TOut> f)
    {
        var result = new TOut[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = f(input[i]);
        }

        return result;
    }

    private static DateTime Ticks(ParquetField field, long ticksSinceEpoch, long raw)
    {
        var ticks = ticksSinceEpoch + EpochTicks;
        if (ticksSinceEpoch > DateTime.MaxValue.Ticks - EpochTicks || ticks < 0)
        {
            throw OutOfRange(field, raw);
        }

        return new DateTime(ticks, DateTimeKind.Utc);
    }

    private static ParquetException OutOfRange(ParquetField field, long raw) =>
        new($"column '{field.Name}': value {raw} is outside the range of {field.ClrType.Name}; read it as its physical type");

    /// <summary>Big-endian two's complement unscaled value → decimal (at most 96 bits of magnitude).</summary>
    internal static decimal FromBigEndian(ReadOnlySpan<byte> bytes, int scale, ParquetField field)
    {
        if (bytes.Length == 0)
        {
            return 0m;
        }

        var negative = (bytes[0] & 0x80) != 0;
        var fill = negative ? (byte)0xFF : (byte)0;
        while (bytes.Length > 16 && bytes[0] == fill)
        {
            bytes = bytes[1..];
        }

        if (bytes.Length > 16)
        {
            throw new ParquetException($"column '{field.Name}': decimal wider than 128 bits");
        }

        Span<byte> buf = stackalloc byte[16];
        buf.Fill(fill);
        bytes.CopyTo(buf[(16 - bytes.Length)..]);
        var value = BinaryPrimitives.ReadInt128BigEndian(buf);
        var mag = negative ? (UInt128)(-value) : (UInt128)value;
        if (mag >> 96 != 0)
        {
            throw new ParquetException($"column '{field.Name}': decimal value does not fit in System.Decimal (96 bits)");
        }

        return new decimal((int)(uint)mag, (int)(uint)(mag >> 32), (int)(uint)(mag >> 64), negative, (byte)scale);
    }
}
