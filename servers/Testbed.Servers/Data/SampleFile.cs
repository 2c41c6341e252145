using Testbed.Parquet;

namespace Testbed.Servers.Data;

/// <summary>
/// A small file with a column of every supported type, required and optional, dictionary and
/// PLAIN, with edge values (extremes, empty strings, non-ASCII text, NaN-free floats): what the
/// interop script hands to DuckDB to check our writer.
/// </summary>
internal static class SampleFile
{
    public static void Write(string path, ParquetCompression compression, int rows)
    {
        var rnd = new Random(12345);
        var fields = new List<ParquetField>();
        var columns = new List<Array>();
        void Add<T>(ParquetField field, Func<int, T> make)
        {
            foreach (var dictionary in new[] { true, false })
            {
                foreach (var nullable in new[] { false, true })
                {
                    var name = $"{field.Name}_{(dictionary ? "dict" : "plain")}{(nullable ? "_null" : "")}";
                    fields.Add(field with { Name = name, Nullable = nullable, Dictionary = dictionary });
                    var values = Enumerable.Range(0, rows).Select(make).ToArray();
                    columns.Add(nullable ? WithNulls(values) : values);
                }
            }
        }

        T Pick<T>(T[] choices) => choices[rnd.Next(choices.Length)];
        Add(new ParquetField("bool", ParquetType.Boolean), i => i % 3 == 0);
        Add(new ParquetField("i8", ParquetType.Int8), i => Pick(new sbyte[] { sbyte.MinValue, -1, 0, 5, sbyte.MaxValue }));
        Add(new ParquetField("i16", ParquetType.Int16), i => Pick(new short[] { short.MinValue, -300, 0, 300, short.MaxValue }));
        Add(new ParquetField("i32", ParquetType.Int32), i => Pick(new[] { int.MinValue, -7, 0, i, int.MaxValue }));
        Add(new ParquetField("i64", ParquetType.Int64), i => Pick(new[] { long.MinValue, -7L, 0L, i * 1_000_000_007L, long.MaxValue }));
        Add(new ParquetField("u8", ParquetType.UInt8), i => Pick(new byte[] { 0, 1, 200, 255 }));
        Add(new ParquetField("u16", ParquetType.UInt16), i => Pick(new ushort[] { 0, 1, 50000, ushort.MaxValue }));
        Add(new ParquetField("u32", ParquetType.UInt32), i => Pick(new uint[] { 0, 1, 3_000_000_000, uint.MaxValue }));
        Add(new ParquetField("u64", ParquetType.UInt64), i => Pick(new ulong[] { 0, 1, 10_000_000_000_000_000_000, ulong.MaxValue }));
        Add(new ParquetField("f32", ParquetType.Float), i => Pick(new[] { -1.5f, 0f, 3.25f, float.MaxValue, i / 7f }));
        Add(new ParquetField("f64", ParquetType.Double), i => Pick(new[] { -1.5, 0, Math.PI, double.MaxValue, i / 7.0 }));
        Add(new ParquetField("str", ParquetType.String), i => Pick(new[] { "", "a", "héllo", "업비트", "comma,quote\"", "s" + i }));
        Add(new ParquetField("bin", ParquetType.Binary), i => Pick(new[] { new byte[] { 0 }, new byte[] { 0, 1, 2, 255 }, new byte[] { 0, (byte)i } }));
        Add(new ParquetField("date", ParquetType.Date), i => Pick(new[] { new DateOnly(1900, 1, 1), new DateOnly(1970, 1, 1), new DateOnly(2024, 2, 29), new DateOnly(9999, 12, 31) }));
        var t = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        Add(new ParquetField("ts_ms", ParquetType.TimestampMillis), i => t.AddMilliseconds(i * 1001));
        Add(new ParquetField("ts_us", ParquetType.TimestampMicros), i => t.AddTicks(i * 12_340));
        Add(new ParquetField("ts_ns", ParquetType.TimestampNanos), i => t.AddTicks(i * 12_341));
        Add(new ParquetField("dec9", ParquetType.Decimal) { Precision = 9, Scale = 2 }, i => Pick(new[] { 0m, 1.5m, -9999999.99m, i / 4m }));
        Add(new ParquetField("dec18", ParquetType.Decimal) { Precision = 18, Scale = 3 }, i => Pick(new[] { 0m, -1.5m, 999999999999999.999m, i / 8m }));
        Add(new ParquetField("dec28", ParquetType.Decimal) { Precision = 28, Scale = 4 }, i => Pick(new[] { 0m, -1.5m, 999999999999999999999999.9999m, i / 16m }));
        using var writer = ParquetWriter.Create(path, fields, new ParquetWriteOptions { Compression = compression, PageRowCount = Math.Max(rows / 3, 1) });
        var half = rows / 2;
        writer.WriteRowGroup(columns.Select(c => Slice(c, 0, half)).ToArray());
        writer.WriteRowGroup(columns.Select(c => Slice(c, half, rows - half)).ToArray());
    }

    private static Array WithNulls<T>(T[] values)
    {
        if (typeof(T).IsValueType)
        {
            var nullable = Array.CreateInstance(typeof(Nullable<>).MakeGenericType(typeof(T)), values.Length);
            for (var i = 0; i < values.Length; i++)
            {
                nullable.SetValue(i % 4 == 1 ? null : values[i], i);
            }

            return nullable;
        }

        var copy = (T[])values.Clone();
        for (var i = 1; i < copy.Length; i += 4)
        {
            copy[i] = default!;
        }

        return copy;
    }

    private static Array Slice(Array a, int start, int length)
    {
        var result = Array.CreateInstance(a.GetType().GetElementType()!, length);
        Array.Copy(a, start, result, 0, length);
        return result;
    }
}
