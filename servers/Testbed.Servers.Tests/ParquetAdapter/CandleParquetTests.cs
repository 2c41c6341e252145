using Parquet;
using Testbed.Servers.Data;
using Testbed.Servers.ParquetAdapter;
using Testbed.Servers.Tests.TestSupport;

namespace Testbed.Servers.Tests.ParquetAdapter;

public sealed class CandleParquetTests
{
    [Theory]
    [InlineData(CompressionMethod.None)]
    [InlineData(CompressionMethod.Snappy)]
    [InlineData(CompressionMethod.Gzip)]
    [InlineData(CompressionMethod.Zstd)]
    public void Read_WrittenFile_GivesTheSameValues(CompressionMethod codec)
    {
        var data = CandleParquet.Read(SmallCandleFile.Create(codec), "small.parquet");

        var n = SmallCandleFile.RowsPerSeries;
        Assert.Equal(2 * n, data.Rows);
        Assert.Equal(["upbit"], data.Exchange.Distinct());
        Assert.Equal(["BTC", "ETH"], data.Asset.Distinct());
        Assert.Equal(1_700_000_000_000L + (n - 1) * 60_000L, data.BaseTm[n - 1]);
        Assert.Equal(1_700_000_000_000L, data.BaseTm[n]);
        Assert.Equal(55_000_000.0 + 4000 + 7, data.Prices[4][7]);
        Assert.Equal(3_000_000.0 + 1000 + 3, data.Prices[1][n + 3]);
    }

    [Fact]
    public void Write_CandleFile_DeclaresTheCandleSchema()
    {
        var path = Path.Combine(Path.GetTempPath(), "testbed-candle-schema-" + Guid.NewGuid().ToString("N") + ".parquet");
        try
        {
            File.WriteAllBytes(path, SmallCandleFile.Create());
            var table = ParquetTable.Read(path, 1);
            Assert.Equal(
                ["String ByteArray", "String ByteArray", "String ByteArray", "TimestampMillis Int64", "Double Double", "Double Double", "Double Double", "Double Double", "Double Double"],
                table.Columns.Select(c => $"{c.Type} {c.PhysicalType}"));
            Assert.All(table.Columns, c => Assert.False(c.Nullable));
            Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc), table.Values[3][0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SharedDataFact]
    public void Read_FileWithoutTheCandleColumns_NamesTheMissingColumn()
    {
        var path = SharedData.DataFile("alltypes_plain.parquet");
        var e = Assert.Throws<ParquetFileException>(() => CandleTable.Load(path));
        Assert.Equal($"{path}: column exchange: missing: not a candle file", e.Message);
    }
}
