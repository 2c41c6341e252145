using System.Buffers.Binary;
using System.Text;

namespace Testbed.Parquet.Writing;

/// <summary>
/// Turns the caller's array (the field's CLR type or its physical type, nullable or not) into
/// definition levels and PLAIN value bytes, checking types, nulls and ranges.
/// </summary>
internal static class ColumnValueCollector
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static (byte[]? Defs, ValueBuffer Values) Collect(ParquetField f, Array array)
    {
        var n = array.Length;
        var width = f.PhysicalType switch
        {
            ParquetPhysicalType.Boolean => 1,
            ParquetPhysicalType.Int32 or ParquetPhysicalType.Float => 4,
            ParquetPhysicalType.Int64 or ParquetPhysicalType.Double => 8,
            ParquetPhysicalType.Int96 => 12,
            ParquetPhysicalType.FixedLenByteArray => f.TypeLength,
            _ => 0,
        };
        var values = new ValueBuffer(width, n);
        var defs = f.Nullable ? new byte[n] : null;
        var c = new Sink(f, defs, values);
        switch (array)
        {
            case bool[] a: foreach (var v in a) { c.Bool(v); } break;
            case bool?[] a: foreach (var v in a) { if (c.Null(v is null)) { c.Bool(v!.Value); } } break;
            case int[] a when f.PhysicalType == ParquetPhysicalType.Int32 && f.Type is not ParquetType.Decimal: foreach (var v in a) { c.I32(v); } break;
            case int?[] a when f.PhysicalType == ParquetPhysicalType.Int32 && f.Type is not ParquetType.Decimal: foreach (var v in a) { if (c.Null(v is null)) { c.I32(v!.Value); } } break;
            case sbyte[] a when f.Type == ParquetType.Int8: foreach (var v in a) { c.I32(v); } break;
            case sbyte?[] a when f.Type == ParquetType.Int8: foreach (var v in a) { if (c.Null(v is null)) { c.I32(v!.Value); } } break;
            case short[] a when f.Type == ParquetType.Int16: foreach (var v in a) { c.I32(v); } break;
            case short?[] a when f.Type == ParquetType.Int16: foreach (var v in a) { if (c.Null(v is null)) { c.I32(v!.Value); } } break;
            case byte[] a when f.Type == ParquetType.UInt8: foreach (var v in a) { c.I32(v); } break;
            case byte?[] a when f.Type == ParquetType.UInt8: foreach (var v in a) { if (c.Null(v is null)) { c.I32(v!.Value); } } break;
            case ushort[] a when f.Type == ParquetType.UInt16: foreach (var v in a) { c.I32(v); } break;
            case ushort?[] a when f.Type == ParquetType.UInt16: foreach (var v in a) { if (c.Null(v is null)) { c.I32(v!.Value); } } break;
            case uint[] a when f.Type == ParquetType.UInt32: foreach (var v in a) { c.I32(unchecked((int)v)); } break;
            case uint?[] a when f.Type == ParquetType.UInt32: foreach (var v in a) { if (c.Null(v is null)) { c.I32(unchecked((int)v!.Value)); } } break;
            case long[] a when f.PhysicalType == ParquetPhysicalType.Int64 && f.Type is not ParquetType.Decimal: foreach (var v in a) { c.I64(v); } break;
            case long?[] a when f.PhysicalType == ParquetPhysicalType.Int64 && f.Type is not ParquetType.Decimal: foreach (var v in a) { if (c.Null(v is null)) { c.I64(v!.Value); } } break;
            case ulong[] a when f.Type == ParquetType.UInt64: foreach (var v in a) { c.I64(unchecked((long)v)); } break;
            case ulong?[] a when f.Type == ParquetType.UInt64: foreach (var v in a) { if (c.Null(v is null)) { c.I64(unchecked((long)v!.Value)); } } break;
            case float[] a when f.Type == ParquetType.Float: foreach (var v in a) { c.F32(v); } break;
            case float?[] a when f.Type == ParquetType.Float: foreach (var v in a) { if (c.Null(v is null)) { c.F32(v!.Value); } } break;
            case double[] a when f.Type == ParquetType.Double: foreach (var v in a) { c.F64(v); } break;
            case double?[] a when f.Type == ParquetType.Double: foreach (var v in a) { if (c.Null(v is null)) { c.F64(v!.Value); } } break;
            case DateOnly[] a when f.Type == ParquetType.Date: foreach (var v in a) { c.I32(v.DayNumber - EpochDayNumber); } break;
            case DateOnly?[] a when f.Type == ParquetType.Date: foreach (var v in a) { if (c.Null(v is null)) { c.I32(v!.Value.DayNumber - EpochDayNumber); } } break;
            case DateTime[] a: foreach (var v in a) { c.Time(v); } break;
            case DateTime?[] a: foreach (var v in a) { if (c.Null(v is null)) { c.Time(v!.Value); } } break;
            case decimal[] a when f.Type == ParquetType.Decimal: foreach (var v in a) { c.Dec(v); } break;
            case decimal?[] a when f.Type == ParquetType.Decimal: foreach (var v in a) { if (c.Null(v is null)) { c.Dec(v!.Value); } } break;
            case string[] a when f.PhysicalType == ParquetPhysicalType.ByteArray: foreach (var v in a) { if (c.Null(v is null)) { c.Str(v!); } } break;
            case byte[][] a when f.PhysicalType is ParquetPhysicalType.ByteArray or ParquetPhysicalType.FixedLenByteArray or ParquetPhysicalType.Int96:
                foreach (var v in a) { if (c.Null(v is null)) { c.Bytes(v!); } }
                break;
            default:
                throw new ArgumentException($"column '{f.Name}' ({f.Type}) cannot be written from {array.GetType().Name}; use {f.ClrType.Name}[]");
        }

        return (defs, values);
    }

    private sealed class Sink(ParquetField f, byte[]? defs, ValueBuffer values)
    {
        private readonly Int128 _decimalLimit = Int128.Parse("1" + new string('0', Math.Clamp(f.Precision, 1, 38)));
        private int _row;

        /// <summary>Records a row's definition level; returns true when the row has a value.</summary>
        public bool Null(bool isNull)
        {
            if (isNull)
            {
                if (defs is null)
                {
                    throw new ArgumentException($"column '{f.Name}' is required but row {_row} is null");
                }

                _row++;
                return false;
            }

            return true;
        }

        private Span<byte> Next(int length = 0)
        {
            if (defs is not null)
            {
                defs[_row] = 1;
            }

            _row++;
            return values.Next(length);
        }

        public void Bool(bool v) => Next()[0] = v ? (byte)1 : (byte)0;

        public void I32(int v) => BinaryPrimitives.WriteInt32LittleEndian(Next(), v);

        public void I64(long v) => BinaryPrimitives.WriteInt64LittleEndian(Next(), v);

        public void F32(float v) => BinaryPrimitives.WriteSingleLittleEndian(Next(), v);

        public void F64(double v) => BinaryPrimitives.WriteDoubleLittleEndian(Next(), v);

        public void Str(string v)
        {
            var length = Encoding.UTF8.GetByteCount(v);
            Encoding.UTF8.GetBytes(v, Next(length));
        }

        public void Bytes(byte[] v)
        {
            if (values.Width > 0 && v.Length != values.Width)
            {
                throw new ArgumentException($"column '{f.Name}': value of {v.Length} bytes in a fixed column of {values.Width}");
            }

            v.CopyTo(Next(v.Length));
        }

        public void Time(DateTime v)
        {
            if (v.Kind == DateTimeKind.Local)
            {
                v = v.ToUniversalTime();
            }

            var ticks = v.Ticks - EpochTicks;
            switch (f.Type)
            {
                case ParquetType.TimestampMillis: I64(Math.DivRem(ticks, TimeSpan.TicksPerMillisecond, out var r) - (r < 0 ? 1 : 0)); break;
                case ParquetType.TimestampMicros: I64(Math.DivRem(ticks, TimeSpan.TicksPerMicrosecond, out var r2) - (r2 < 0 ? 1 : 0)); break;
                case ParquetType.TimestampNanos:
                    if (ticks > long.MaxValue / 100 || ticks < long.MinValue / 100)
                    {
                        throw new ArgumentException($"column '{f.Name}': {v:O} does not fit in nanoseconds since 1970");
                    }

                    I64(ticks * 100);
                    break;
                case ParquetType.Int96:
                    {
                        var days = Math.DivRem(ticks, TimeSpan.TicksPerDay, out var rem);
                        if (rem < 0)
                        {
                            days--;
                            rem += TimeSpan.TicksPerDay;
                        }

                        var span = Next();
                        BinaryPrimitives.WriteInt64LittleEndian(span, rem * 100);
                        BinaryPrimitives.WriteInt32LittleEndian(span[8..], (int)(days + 2440588));
                        break;
                    }

                default:
                    throw new ArgumentException($"column '{f.Name}' ({f.Type}) cannot be written from DateTime");
            }
        }

        public void Dec(decimal v)
        {
            var scaled = decimal.Round(v, f.Scale);
            if (scaled != v)
            {
                throw new ArgumentException($"column '{f.Name}': {v} has more than {f.Scale} decimals");
            }

            // Unscaled integer = v × 10^scale, built from decimal's 96-bit mantissa.
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(scaled, bits);
            var mantissa = (Int128)(((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0]);
            var scale = (bits[3] >> 16) & 0xFF;
            for (; scale < f.Scale; scale++)
            {
                mantissa *= 10;
            }

            if (bits[3] < 0)
            {
                mantissa = -mantissa;
            }

            if (Int128.Abs(mantissa) >= _decimalLimit)
            {
                throw new ArgumentException($"column '{f.Name}': {v} exceeds DECIMAL({f.Precision}, {f.Scale})");
            }

            switch (f.PhysicalType)
            {
                case ParquetPhysicalType.Int32: I32((int)mantissa); break;
                case ParquetPhysicalType.Int64: I64((long)mantissa); break;
                default:
                    {
                        Span<byte> be = stackalloc byte[16];
                        BinaryPrimitives.WriteInt128BigEndian(be, mantissa);
                        var w = values.Width > 0 ? values.Width : 16;
                        be[(16 - w)..].CopyTo(Next(w));
                        break;
                    }
            }
        }
    }
}
