using Parquet;
using Parquet.Schema;

namespace Testbed.Servers.Data;

/// <summary>
/// A small file with a column of every type Parquet.Net writes, required and optional, strings both
/// dictionary-encoded and PLAIN, with edge values (extremes, empty strings, non-ASCII text): what the
/// interop script hands to DuckDB to check what we write. Two row groups.
/// </summary>
internal static class SampleFile
{
    public static void Write(string path, CompressionMethod compression, int rows)
    {
        var rnd = new Random(12345);
        var columns = new List<(DataField Field, Func<ParquetRowGroupWriter, int, int, Task> Write)>();
        var options = new ParquetOptions { CompressionMethod = compression };
        T Pick<T>(T[] choices) => choices[rnd.Next(choices.Length)];

        void AddValues<T>(Func<string, bool, DataField> field, string name, Func<int, T> make)
            where T : struct
        {
            var values = Enumerable.Range(0, rows).Select(make).ToArray();
            var required = field(name, false);
            columns.Add((required, async (g, start, count) => await g.WriteAsync<T>(required, new ReadOnlyMemory<T>(values, start, count))));
            var nullable = values.Select((v, i) => i % 4 == 1 ? (T?)null : v).ToArray();
            var optional = field(name + "_null", true);
            columns.Add((optional, async (g, start, count) => await g.WriteAsync<T>(optional, new ReadOnlyMemory<T?>(nullable, start, count))));
        }

        void AddStrings(string name, Func<int, string> make)
        {
            foreach (var dictionary in new[] { true, false })
            {
                foreach (var isNullable in new[] { false, true })
                {
                    var column = $"{name}_{(dictionary ? "dict" : "plain")}{(isNullable ? "_null" : "")}";
                    var field = new DataField<string>(column, isNullable);
                    var values = Enumerable.Range(0, rows).Select(i => isNullable && i % 4 == 1 ? null! : make(i)).ToArray();
                    columns.Add((field, async (g, start, count) => await g.WriteAsync(field, new ArraySegment<string>(values, start, count))));
                    if (dictionary)
                    {
                        options.ColumnEncodingHints[column] = EncodingHint.Dictionary;
                    }
                }
            }
        }

        static DataField Plain<T>(string name, bool isNullable) => new(name, typeof(T), isNullable);
        AddValues(Plain<bool>, "bool", i => i % 3 == 0);
        AddValues(Plain<sbyte>, "i8", _ => Pick(new sbyte[] { sbyte.MinValue, -1, 0, 5, sbyte.MaxValue }));
        AddValues(Plain<short>, "i16", _ => Pick(new short[] { short.MinValue, -300, 0, 300, short.MaxValue }));
        AddValues(Plain<int>, "i32", i => Pick(new[] { int.MinValue, -7, 0, i, int.MaxValue }));
        AddValues(Plain<long>, "i64", i => Pick(new[] { long.MinValue, -7L, 0L, i * 1_000_000_007L, long.MaxValue }));
        AddValues(Plain<byte>, "u8", _ => Pick(new byte[] { 0, 1, 200, 255 }));
        AddValues(Plain<ushort>, "u16", _ => Pick(new ushort[] { 0, 1, 50000, ushort.MaxValue }));
        AddValues(Plain<uint>, "u32", _ => Pick(new uint[] { 0, 1, 3_000_000_000, uint.MaxValue }));
        AddValues(Plain<ulong>, "u64", _ => Pick(new ulong[] { 0, 1, 10_000_000_000_000_000_000, ulong.MaxValue }));
        AddValues(Plain<float>, "f32", i => Pick(new[] { -1.5f, 0f, 3.25f, float.MaxValue, i / 7f }));
        AddValues(Plain<double>, "f64", i => Pick(new[] { -1.5, 0, Math.PI, double.MaxValue, i / 7.0 }));
        AddStrings("str", i => Pick(new[] { "", "a", "héllo", "업비트", "comma,quote\"", "s" + i }));
        AddValues(Plain<DateOnly>, "date", _ => Pick(new[] { new DateOnly(1900, 1, 1), new DateOnly(1970, 1, 1), new DateOnly(2024, 2, 29), new DateOnly(9999, 12, 31) }));
        var t = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        DataField Timestamp(string name, bool isNullable, DateTimeTimeUnit unit) =>
            new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: unit, isNullable: isNullable);
        AddValues((n, o) => Timestamp(n, o, DateTimeTimeUnit.Millis), "ts_ms", i => t.AddMilliseconds(i * 1001));
        AddValues((n, o) => Timestamp(n, o, DateTimeTimeUnit.Micros), "ts_us", i => t.AddTicks(i * 12_340));
        AddValues((n, o) => Timestamp(n, o, DateTimeTimeUnit.Nanos), "ts_ns", i => t.AddTicks(i * 12_341));
        AddValues((n, o) => new DecimalDataField(n, 9, 2, isNullable: o), "dec9", i => Pick(new[] { 0m, 1.5m, -9999999.99m, i / 4m }));
        AddValues((n, o) => new DecimalDataField(n, 18, 3, isNullable: o), "dec18", i => Pick(new[] { 0m, -1.5m, 999999999999999.999m, i / 8m }));
        AddValues((n, o) => new DecimalDataField(n, 28, 4, isNullable: o), "dec28", i => Pick(new[] { 0m, -1.5m, 999999999999999999999999.9999m, i / 16m }));

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        WriteAsync(stream, columns, options, rows).GetAwaiter().GetResult();
    }

    private static async Task WriteAsync(Stream stream, List<(DataField Field, Func<ParquetRowGroupWriter, int, int, Task> Write)> columns, ParquetOptions options, int rows)
    {
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => c.Field)), stream, options);
        var half = rows / 2;
        foreach (var (start, count) in new[] { (0, half), (half, rows - half) })
        {
            using var group = writer.CreateRowGroup();
            foreach (var column in columns)
            {
                await column.Write(group, start, count);
            }

            group.CompleteValidate();
        }
    }
}
