using System.Globalization;

namespace Testbed.Parquet.Tests;

/// <summary>Reads the files of apache/parquet-testing (in ../shared, in place) and checks their documented contents.</summary>
public sealed class ConformanceTests
{
    private static readonly DateTime[] AllTypesTimestamps =
    [
        new(2009, 3, 1, 0, 0, 0, DateTimeKind.Utc), new(2009, 3, 1, 0, 1, 0, DateTimeKind.Utc),
        new(2009, 4, 1, 0, 0, 0, DateTimeKind.Utc), new(2009, 4, 1, 0, 1, 0, DateTimeKind.Utc),
        new(2009, 2, 1, 0, 0, 0, DateTimeKind.Utc), new(2009, 2, 1, 0, 1, 0, DateTimeKind.Utc),
        new(2009, 1, 1, 0, 0, 0, DateTimeKind.Utc), new(2009, 1, 1, 0, 1, 0, DateTimeKind.Utc),
    ];

    [SharedDataFact]
    public void ReadColumn_AllTypesPlain_GivesTheEightWellKnownRows()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("alltypes_plain.parquet"));
        Assert.Equal(8, r.RowCount);
        Assert.Equal(new int?[] { 4, 5, 6, 7, 2, 3, 0, 1 }, r.ReadColumn<int?>("id"));
        Assert.Equal(new bool?[] { true, false, true, false, true, false, true, false }, r.ReadColumn<bool?>("bool_col"));
        Assert.Equal(new int?[] { 0, 1, 0, 1, 0, 1, 0, 1 }, r.ReadColumn<int?>("tinyint_col"));
        Assert.Equal(new int?[] { 0, 1, 0, 1, 0, 1, 0, 1 }, r.ReadColumn<int?>("smallint_col"));
        Assert.Equal(new int?[] { 0, 1, 0, 1, 0, 1, 0, 1 }, r.ReadColumn<int?>("int_col"));
        Assert.Equal(new long?[] { 0, 10, 0, 10, 0, 10, 0, 10 }, r.ReadColumn<long?>("bigint_col"));
        Assert.Equal(new float?[] { 0, 1.1f, 0, 1.1f, 0, 1.1f, 0, 1.1f }, r.ReadColumn<float?>("float_col"));
        Assert.Equal(new double?[] { 0, 10.1, 0, 10.1, 0, 10.1, 0, 10.1 }, r.ReadColumn<double?>("double_col"));
        Assert.Equal(["03/01/09", "03/01/09", "04/01/09", "04/01/09", "02/01/09", "02/01/09", "01/01/09", "01/01/09"], r.ReadColumn<string>("date_string_col"));
        Assert.Equal(["0", "1", "0", "1", "0", "1", "0", "1"], r.ReadColumn<string>("string_col"));
        Assert.Equal(AllTypesTimestamps.Select(t => (DateTime?)t), r.ReadColumn<DateTime?>("timestamp_col"));
        Assert.Equal(ParquetType.Int96, r.Fields[10].Type);
    }

    [SharedDataFact]
    public void ReadColumn_AllTypesPlainSnappy_GivesRowsSixAndSeven()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("alltypes_plain.snappy.parquet"));
        Assert.Equal("SNAPPY", r.RowGroups[0].Columns[0].Codec);
        Assert.Equal(new int?[] { 6, 7 }, r.ReadColumn<int?>("id"));
        Assert.Equal(new bool?[] { true, false }, r.ReadColumn<bool?>("bool_col"));
        Assert.Equal(new double?[] { 0, 10.1 }, r.ReadColumn<double?>("double_col"));
        Assert.Equal(["04/01/09", "04/01/09"], r.ReadColumn<string>("date_string_col"));
        Assert.Equal(new DateTime?[] { AllTypesTimestamps[2], AllTypesTimestamps[3] }, r.ReadColumn<DateTime?>("timestamp_col"));
    }

    [SharedDataFact]
    public void ReadColumn_AllTypesDictionary_GivesRowsZeroAndOne()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("alltypes_dictionary.parquet"));
        Assert.Contains("PLAIN_DICTIONARY", r.RowGroups[0].Columns[0].Encodings);
        Assert.Equal(new int?[] { 0, 1 }, r.ReadColumn<int?>("id"));
        Assert.Equal(new long?[] { 0, 10 }, r.ReadColumn<long?>("bigint_col"));
        Assert.Equal(["01/01/09", "01/01/09"], r.ReadColumn<string>("date_string_col"));
        Assert.Equal(new DateTime?[] { AllTypesTimestamps[6], AllTypesTimestamps[7] }, r.ReadColumn<DateTime?>("timestamp_col"));
    }

    [SharedDataFact]
    public void ReadColumn_AllTypesTinyPages_HoldsEveryIdOnce()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("alltypes_tiny_pages_plain.parquet"));
        var ids = r.ReadColumn<int?>("id");
        Assert.Equal(7300, ids.Length);
        Assert.Equal(Enumerable.Range(0, 7300), ids.Select(i => i!.Value).Order());
        var ints = r.ReadColumn<int?>("int_col");
        var strings = r.ReadColumn<string>("string_col");
        var tiny = r.ReadColumn<sbyte?>("tinyint_col");
        for (var i = 0; i < ids.Length; i++)
        {
            // Impala's alltypes: int_col = id % 10, string_col its text, tinyint the same digit.
            Assert.Equal(ids[i] % 10, ints[i]);
            Assert.Equal((ids[i] % 10).ToString(), strings[i]);
            Assert.Equal(ids[i] % 10, tiny[i]);
        }
    }

    [SharedDataFact]
    public void ReadColumn_DataPageV2Snappy_ReadsFlatColumnsAndRejectsTheList()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("datapage_v2.snappy.parquet"));
        Assert.Equal(new string?[] { "abc", "abc", "abc", null, "abc" }.AsEnumerable(), r.ReadColumn<string?>("a"));
        Assert.Equal([1, 2, 3, 4, 5], r.ReadColumn<int>("b"));
        Assert.Equal([2.0, 3, 4, 5, 2], r.ReadColumn<double>("c"));
        Assert.Equal([true, true, true, false, true], r.ReadColumn<bool>("d"));
        var e = Assert.Throws<ParquetException>(() => r.ReadColumn<int?>("e.list.element"));
        Assert.Contains("e.list.element", e.Message);
        Assert.Contains("nested", e.Message);
    }

    [SharedDataFact]
    public void ReadColumn_ConcatenatedGzipMembers_GivesOneTo513()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("concatenated_gzip_members.parquet"));
        Assert.Equal("GZIP", r.RowGroups[0].Columns[0].Codec);
        Assert.Equal(Enumerable.Range(1, 513).Select(i => (ulong?)i), r.ReadColumn<ulong?>("long_col"));
    }

    [SharedDataFact]
    public void ReadColumn_BinaryFile_GivesBytesZeroToEleven()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("binary.parquet"));
        var values = r.ReadColumn<byte[]>("foo");
        Assert.Equal(Enumerable.Range(0, 12).Select(i => new[] { (byte)i }), values);
    }

    [SharedDataFact]
    public void ReadColumn_DeltaBinaryPacked_MatchesExpectCsv()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("delta_binary_packed.parquet"));
        var (header, rows) = ReadCsv("delta_binary_packed_expect.csv");
        Assert.Equal(200, rows.Count);
        for (var c = 0; c < header.Length; c++)
        {
            var column = header[c];
            string[] actual = r.Fields[r.IndexOf(column)].Type == ParquetType.Int32
                ? r.ReadColumn<int?>(column).Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "").ToArray()
                : r.ReadColumn<long?>(column).Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "").ToArray();
            Assert.Equal(rows.Select(row => row[c]), actual);
        }
    }

    [SharedDataTheory]
    [InlineData("delta_encoding_optional_column")]
    [InlineData("delta_encoding_required_column")]
    public void ReadColumn_DeltaEncodings_MatchExpectCsv(string name)
    {
        using var r = ParquetReader.Open(SharedData.DataFile(name + ".parquet"));
        var (header, rows) = ReadCsv(name + "_expect.csv");
        Assert.Equal(r.RowCount, rows.Count);
        Assert.Equal(header.Length, r.Fields.Count);
        for (var c = 0; c < header.Length; c++)
        {
            var field = r.Fields[c];
            Assert.Equal(header[c].Trim(), field.Name.Trim().TrimEnd(':'));
            var actual = r.ReadColumnValues(c).Select(v => v switch
            {
                null => "",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString()!,
            });
            Assert.Equal(rows.Select(row => row[c]), actual);
        }

        Assert.Contains(r.RowGroups[0].Columns, col => col.Encodings.Contains("DELTA_BINARY_PACKED"));
        Assert.Contains(r.RowGroups[0].Columns, col => col.Encodings.Contains("DELTA_BYTE_ARRAY") || col.Encodings.Contains("DELTA_LENGTH_BYTE_ARRAY"));
    }

    [SharedDataFact]
    public void ReadColumn_Int32WithNullPages_MatchesTheDocumentedCountsAndStatistics()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("int32_with_null_pages.parquet"));
        var values = r.ReadColumn<int?>("int32_field");
        Assert.Equal(1000, values.Length);
        Assert.Equal(275, values.Count(v => v is null));
        Assert.All(values.Skip(200).Take(100), v => Assert.Null(v));
        Assert.Equal(55, values.Skip(100).Take(100).Count(v => v is null));
        Assert.Equal(-2136906554, values.Min());
        Assert.Equal(2145722375, values.Max());
        var stats = r.RowGroups[0].Columns[0].Statistics!;
        Assert.Equal(275L, stats.NullCount);
        Assert.Equal(-2136906554, stats.Min);
        Assert.Equal(2145722375, stats.Max);
    }

    [SharedDataFact]
    public void ReadColumn_ChecksumFiles_DecodeDictionaryPagesOfBothVersions()
    {
        using var v1 = ParquetReader.Open(SharedData.DataFile("plain-dict-uncompressed-checksum.parquet"));
        using var v2 = ParquetReader.Open(SharedData.DataFile("rle-dict-snappy-checksum.parquet"));
        foreach (var r in new[] { v1, v2 })
        {
            Assert.Equal(1000, r.RowCount);
            Assert.Equal(1000, r.ReadColumn<long>("long_field").Length);
            var strings = r.ReadColumn<string>("binary_field");
            Assert.All(strings, s => Assert.True(Guid.TryParse(s, out _)));
        }
    }

    [SharedDataFact]
    public void ReadColumn_RleBooleanEncoding_ReadsOptionalBooleans()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("rle_boolean_encoding.parquet"));
        var values = r.ReadColumn<bool?>(0);
        Assert.Equal(68, values.Length);
        Assert.Contains(values, v => v is null);
        Assert.Contains(values, v => v == true);
        Assert.Contains(values, v => v == false);
        Assert.Contains("RLE", r.RowGroups[0].Columns[0].Encodings);
    }

    [SharedDataFact]
    public void ReadColumn_DictPageOffsetZero_FindsTheDictionaryAtTheDataOffset()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("dict-page-offset-zero.parquet"));
        var values = r.ReadColumn<int?>(0);
        Assert.Equal(39, values.Length);
        Assert.All(values, v => Assert.Equal(1552, v));
    }

    [SharedDataFact]
    public void ReadColumn_NanFiles_KeepNaNAndNulls()
    {
        using var nan = ParquetReader.Open(SharedData.DataFile("nan_in_stats.parquet"));
        var x = nan.ReadColumn<double?>(0);
        Assert.Equal(1.0, x[0]);
        Assert.True(double.IsNaN(x[1]!.Value));
        using var single = ParquetReader.Open(SharedData.DataFile("single_nan.parquet"));
        Assert.Single(single.ReadColumn<double?>(0));
    }

    [SharedDataFact]
    public void ReadColumn_NestedColumn_ThrowsNamingTheColumn()
    {
        using var r = ParquetReader.Open(SharedData.DataFile("nulls.snappy.parquet"));
        var e = Assert.Throws<ParquetException>(() => r.ReadColumn<int?>(0));
        Assert.Contains("b_struct.b_c_int", e.Message);
    }

    [SharedDataFact]
    public void ReadColumn_ZstdColumn_ThrowsNamingCodecAndColumn()
    {
        using var r = ParquetReader.Open(Path.Combine(SharedData.BadDataDirectory, "ARROW-GH-43605.parquet"));
        var e = Assert.Throws<ParquetException>(() => r.ReadColumnValues(0));
        Assert.Contains("ZSTD", e.Message);
        Assert.Contains(r.Fields[0].Name, e.Message);
    }

    private static (string[] Header, List<string[]> Rows) ReadCsv(string name)
    {
        var lines = File.ReadAllLines(SharedData.DataFile(name)).Where(l => l.Length > 0).ToArray();
        return (SplitCsv(lines[0]), lines.Skip(1).Select(SplitCsv).ToList());
    }

    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return fields.ToArray();
    }
}
