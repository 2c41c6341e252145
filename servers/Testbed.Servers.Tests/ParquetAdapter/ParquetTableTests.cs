using Testbed.Servers.ParquetAdapter;
using Testbed.Servers.Tests.TestSupport;

namespace Testbed.Servers.Tests.ParquetAdapter;

/// <summary>Files other writers produced (parquet-testing/data), read the way <c>data cat</c> reads them.</summary>
public sealed class ParquetTableTests
{
    [SharedDataFact]
    public void Read_AllTypesPlain_GivesTheEightWellKnownRows()
    {
        var table = ParquetTable.Read(SharedData.DataFile("alltypes_plain.parquet"), int.MaxValue);

        Assert.Equal(8, table.RowCount);
        Assert.Equal([4, 5, 6, 7, 2, 3, 0, 1], Column(table, "id").Cast<int>());
        Assert.Equal([true, false, true, false, true, false, true, false], Column(table, "bool_col").Cast<bool>());
        Assert.Equal("Int96", table.Columns.Single(c => c.Name == "timestamp_col").Type);
        Assert.Equal(new DateTime(2009, 3, 1, 0, 0, 0), (DateTime)Column(table, "timestamp_col")[0]!);
    }

    [SharedDataFact]
    public void Read_DataPageV2RleBooleans_FailsInOneLineNamingTheColumn()
    {
        // Parquet.Net 6.1 cannot decode RLE booleans in v2 pages (upstream #638): a clean refusal, not a crash.
        var path = SharedData.DataFile("datapage_v2.snappy.parquet");
        var e = Assert.Throws<ParquetFileException>(() => ParquetTable.Read(path, int.MaxValue));
        Assert.StartsWith($"{path}: column d: ", e.Message);
    }

    [SharedDataFact]
    public void Read_DeltaBinaryPacked_MatchesExpectCsv()
    {
        var table = ParquetTable.Read(SharedData.DataFile("delta_binary_packed.parquet"), int.MaxValue);
        var lines = File.ReadAllLines(SharedData.DataFile("delta_binary_packed_expect.csv")).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');

        Assert.Equal(lines.Length - 1, table.RowCount);
        for (var c = 0; c < header.Length; c++)
        {
            var values = Column(table, header[c]);
            for (var r = 1; r < lines.Length; r++)
            {
                Assert.Equal(lines[r].Split(',')[c], Convert.ToString(values[r - 1], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static object?[] Column(ParquetTable table, string name) =>
        table.Values[table.Columns.Select((c, i) => (c, i)).Single(x => x.c.Name == name).i];
}
