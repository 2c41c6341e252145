namespace Testbed.Parquet.Tests;

/// <summary>Write then read gives the same values for every type × encoding × codec, required and optional.</summary>
public sealed class RoundTripTests
{
    private const int Rows = 300;

    public static TheoryData<ParquetType, bool?, ParquetCompression, bool> Cases()
    {
        var data = new TheoryData<ParquetType, bool?, ParquetCompression, bool>();
        foreach (var type in Enum.GetValues<ParquetType>())
        {
            foreach (var dictionary in new bool?[] { false, true })
            {
                foreach (var codec in Enum.GetValues<ParquetCompression>())
                {
                    foreach (var nullable in new[] { false, true })
                    {
                        data.Add(type, dictionary, codec, nullable);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WriteRowGroup_ThenReadColumn_GivesTheSameValues(ParquetType type, bool? dictionary, ParquetCompression codec, bool nullable)
    {
        var field = new ParquetField("c", type, nullable) { Dictionary = dictionary, TypeLength = type == ParquetType.FixedLenBinary ? 5 : 0, Precision = 18, Scale = 3 };
        if (type != ParquetType.Decimal)
        {
            field = field with { Precision = 0, Scale = 0 };
        }

        var values = Values(type, nullable, new Random(42));
        var bytes = Write([field], new ParquetWriteOptions { Compression = codec, PageRowCount = 64 }, values);

        using var reader = ParquetReader.Open(bytes);
        Assert.Equal(Rows, reader.RowCount);
        Assert.Equal(type, reader.Fields[0].Type);
        Assert.Equal(nullable, reader.Fields[0].Nullable);
        var chunk = reader.RowGroups[0].Columns[0];
        Assert.Equal(codec.ToString().ToUpperInvariant(), chunk.Codec);
        if (dictionary == true && type != ParquetType.Boolean)
        {
            Assert.Contains("RLE_DICTIONARY", chunk.Encodings);
        }
        else
        {
            Assert.DoesNotContain("RLE_DICTIONARY", chunk.Encodings);
        }

        var read = reader.ReadColumnValues(0);
        Assert.Equal(Box(values), read);
        Assert.Equal(Box(values).Count(v => v is null), chunk.Statistics!.NullCount);
    }

    [Fact]
    public void WriteRowGroup_SeveralRowGroups_ReadsThemInOrderWithStatistics()
    {
        var fields = new[]
        {
            new ParquetField("id", ParquetType.Int64),
            new ParquetField("name", ParquetType.String, Nullable: true),
            new ParquetField("price", ParquetType.Double),
        };
        var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, fields, leaveOpen: true))
        {
            for (var g = 0; g < 3; g++)
            {
                var ids = Enumerable.Range(g * 100, 100).Select(i => (long)i).ToArray();
                var names = ids.Select(i => i % 7 == 0 ? null : $"n{i % 5}").ToArray();
                var prices = ids.Select(i => i * 0.5).ToArray();
                writer.WriteRowGroup(ids, names, prices);
            }
        }

        using var reader = ParquetReader.Open(stream.ToArray());
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), reader.ReadColumn<long>("id"));
        Assert.Equal(Enumerable.Range(100, 100).Select(i => (long)i), reader.ReadColumn<long>(0, 1));
        var stats = reader.RowGroups[2].Columns[0].Statistics!;
        Assert.Equal(200L, stats.Min);
        Assert.Equal(299L, stats.Max);
        Assert.Equal(0L, stats.NullCount);
        var nameStats = reader.RowGroups[0].Columns[1].Statistics!;
        Assert.Equal("n0", nameStats.Min);
        Assert.Equal("n4", nameStats.Max);
        Assert.Equal(15L, nameStats.NullCount);
        Assert.Equal(149.5, reader.RowGroups[2].Columns[2].Statistics!.Max);
        var readNames = reader.ReadColumn<string?>("name");
        Assert.Null(readNames[0]);
        Assert.Equal("n1", readNames[1]);
    }

    [Fact]
    public void WriteRowGroup_AutomaticDictionary_UsesItForLowCardinalityOnly()
    {
        var fields = new[] { new ParquetField("low", ParquetType.String), new ParquetField("high", ParquetType.Double) };
        var low = Enumerable.Range(0, 1000).Select(i => (i % 3).ToString()).ToArray();
        var high = Enumerable.Range(0, 1000).Select(i => i * 1.5).ToArray();
        using var reader = ParquetReader.Open(Write(fields, new ParquetWriteOptions(), low, high));
        Assert.Contains("RLE_DICTIONARY", reader.RowGroups[0].Columns[0].Encodings);
        Assert.DoesNotContain("RLE_DICTIONARY", reader.RowGroups[0].Columns[1].Encodings);
        Assert.Equal(low, reader.ReadColumn<string>("low"));
        Assert.Equal(high, reader.ReadColumn<double>("high"));
    }

    [Fact]
    public void ReadColumn_PhysicalTypeOfATimestamp_GivesEpochMilliseconds()
    {
        var field = new ParquetField("t", ParquetType.TimestampMillis);
        var bytes = Write([field], new ParquetWriteOptions(), new[] { 0L, 1_700_000_000_123L });
        using var reader = ParquetReader.Open(bytes);
        Assert.Equal([0L, 1_700_000_000_123L], reader.ReadColumn<long>("t"));
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1_700_000_000_123L), reader.ReadColumn<DateTime>("t")[1]);
    }

    [Fact]
    public void ReadColumn_OptionalColumnWithNullsAsNonNullable_Throws()
    {
        var bytes = Write([new ParquetField("x", ParquetType.Int32, Nullable: true)], new ParquetWriteOptions(), new int?[] { 1, null });
        using var reader = ParquetReader.Open(bytes);
        var e = Assert.Throws<ParquetException>(() => reader.ReadColumn<int>("x"));
        Assert.Contains("'x'", e.Message);
        Assert.Throws<ParquetException>(() => reader.ReadColumn<double>("x"));
    }

    [Fact]
    public void WriteRowGroup_NullInRequiredColumn_Throws()
    {
        var writer = new ParquetWriter(new MemoryStream(), [new ParquetField("s", ParquetType.String)]);
        Assert.Throws<ArgumentException>(() => writer.WriteRowGroup(new[] { "a", null! }));
    }

    internal static byte[] Write(ParquetField[] fields, ParquetWriteOptions options, params Array[] columns)
    {
        var stream = new MemoryStream();
        using (var writer = new ParquetWriter(stream, fields, options, leaveOpen: true))
        {
            writer.WriteRowGroup(columns);
        }

        return stream.ToArray();
    }

    private static object?[] Box(Array values) => values.Cast<object?>().ToArray();

    private static Array Values(ParquetType type, bool nullable, Random rnd)
    {
        // Few distinct values, so that dictionary encoding has something to do; extremes included.
        T Pick<T>(T[] choices) => choices[rnd.Next(choices.Length)];
        bool IsNull(int i) => nullable && i % 5 == 3;
        Array Make<T>(Func<int, T> make)
            where T : struct
        {
            if (!nullable)
            {
                return Enumerable.Range(0, Rows).Select(make).ToArray();
            }

            return Enumerable.Range(0, Rows).Select(i => IsNull(i) ? (T?)null : make(i)).ToArray();
        }

        Array MakeRef<T>(Func<int, T> make)
            where T : class => Enumerable.Range(0, Rows).Select(i => IsNull(i) ? null : make(i)).ToArray();

        return type switch
        {
            ParquetType.Boolean => Make(i => rnd.Next(2) == 0),
            ParquetType.Int8 => Make(i => Pick(new sbyte[] { sbyte.MinValue, -1, 0, 7, sbyte.MaxValue })),
            ParquetType.Int16 => Make(i => Pick(new short[] { short.MinValue, -1, 0, 300, short.MaxValue })),
            ParquetType.Int32 => Make(i => Pick(new[] { int.MinValue, -5, 0, 123456, int.MaxValue })),
            ParquetType.Int64 => Make(i => Pick(new[] { long.MinValue, -5L, 0L, 1L << 40, long.MaxValue })),
            ParquetType.UInt8 => Make(i => Pick(new byte[] { 0, 1, 128, 255 })),
            ParquetType.UInt16 => Make(i => Pick(new ushort[] { 0, 1, 40000, ushort.MaxValue })),
            ParquetType.UInt32 => Make(i => Pick(new uint[] { 0, 1, 3_000_000_000, uint.MaxValue })),
            ParquetType.UInt64 => Make(i => Pick(new ulong[] { 0, 1, 10_000_000_000_000_000_000, ulong.MaxValue })),
            ParquetType.Float => Make(i => Pick(new[] { float.MinValue, -1.5f, 0f, 3.25f, float.MaxValue, float.NaN })),
            ParquetType.Double => Make(i => Pick(new[] { double.MinValue, -1.5, 0, Math.PI, double.MaxValue, double.NegativeInfinity })),
            ParquetType.String => MakeRef(i => Pick(new[] { "", "a", "héllo", "업비트", new string('x', 300) })),
            ParquetType.Binary => MakeRef(i => Pick(new[] { Array.Empty<byte>(), new byte[] { 0 }, new byte[] { 1, 2, 3 } })),
            ParquetType.FixedLenBinary => MakeRef(i => Pick(new[] { new byte[] { 0, 0, 0, 0, 0 }, new byte[] { 1, 2, 3, 4, 5 }, new byte[] { 255, 254, 253, 252, 251 } })),
            ParquetType.Date => Make(i => Pick(new[] { new DateOnly(1, 1, 1), new DateOnly(1970, 1, 1), new DateOnly(2024, 2, 29), new DateOnly(9999, 12, 31) })),
            ParquetType.TimestampMillis => Make(i => Pick(new[] { DateTime.UnixEpoch, new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), new DateTime(1900, 1, 1, 0, 0, 0, 1, DateTimeKind.Utc) })),
            ParquetType.TimestampMicros => Make(i => Pick(new[] { DateTime.UnixEpoch, new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(120), new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc) })),
            ParquetType.TimestampNanos => Make(i => Pick(new[] { DateTime.UnixEpoch, new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(1234), new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc) })),
            ParquetType.Int96 => Make(i => Pick(new[] { DateTime.UnixEpoch, new DateTime(2009, 3, 1, 0, 1, 0, DateTimeKind.Utc).AddTicks(7), new DateTime(1850, 6, 1, 12, 0, 0, DateTimeKind.Utc) })),
            ParquetType.Decimal => Make(i => Pick(new[] { 0m, 1.5m, -123456789012.345m, 999999999999999.999m, -0.001m })),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }
}
