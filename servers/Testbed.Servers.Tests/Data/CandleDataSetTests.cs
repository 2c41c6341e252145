using Testbed.Servers.Data;
using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Tests.Data;

public sealed class CandleDataSetTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "testbed-candles-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Generate_OneDay_WritesValidCandlesForEverySeries()
    {
        var result = CandleDataSet.Generate(_dir, new CandleGeneratorOptions { Days = 1 });
        var series = CandleUniverse.Series().ToArray();
        Assert.Equal(series.Length * 1440L, result.Rows);

        var table = CandleTable.Load(result.Path);
        Assert.Equal(result.Rows, table.RowCount);
        Assert.Equal(series.Length, table.Series.Count);
        for (var i = 0; i < table.RowCount; i++)
        {
            Assert.True(table.High[i] >= Math.Max(table.Open[i], table.Close[i]), $"row {i}: h < max(o, c)");
            Assert.True(table.Low[i] <= Math.Min(table.Open[i], table.Close[i]), $"row {i}: l > min(o, c)");
            Assert.True(table.Low[i] > 0 && table.Volume[i] >= 0, $"row {i}: l <= 0 or v < 0");
        }

        var end = new DateTimeOffset(new CandleGeneratorOptions().End).ToUnixTimeMilliseconds();
        foreach (var s in table.Series)
        {
            Assert.Equal(1440, s.Count);
            Assert.Equal(end - 60_000, table.BaseTm[s.Start + s.Count - 1]);
        }
    }

    [Fact]
    public void Generate_SameSeedTwice_GivesIdenticalFilesAndAnotherSeedDiffers()
    {
        var a = File.ReadAllBytes(CandleDataSet.Generate(Path.Combine(_dir, "a"), new CandleGeneratorOptions { Days = 1, Seed = 7 }).Path);
        var b = File.ReadAllBytes(CandleDataSet.Generate(Path.Combine(_dir, "b"), new CandleGeneratorOptions { Days = 1, Seed = 7 }).Path);
        var c = File.ReadAllBytes(CandleDataSet.Generate(Path.Combine(_dir, "c"), new CandleGeneratorOptions { Days = 1, Seed = 8 }).Path);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Generate_File_HasDictionaryStringsAndSnappyPages()
    {
        var path = CandleDataSet.Generate(_dir, new CandleGeneratorOptions { Days = 1 }).Path;
        var table = ParquetTable.Read(path, 0);
        Assert.Equal(
            [CandleColumns.Exchange, CandleColumns.Market, CandleColumns.Asset, CandleColumns.BaseTm, CandleColumns.Open, CandleColumns.High, CandleColumns.Low, CandleColumns.Close, CandleColumns.Volume],
            table.Columns.Select(f => f.Name));
        Assert.Equal(("TimestampMillis", "Int64", false), (table.Columns[3].Type, table.Columns[3].PhysicalType, table.Columns[3].Nullable));
        Assert.All(table.Columns, c => Assert.Equal("SNAPPY", c.Codec));
        Assert.All(table.Columns.Take(3), c => Assert.Contains("PLAIN_DICTIONARY", c.Encodings));
    }

    [Fact]
    public void Last_FiveOfASeries_GivesTheNewestConsecutiveMinutes()
    {
        var table = CandleTable.Load(CandleDataSet.Generate(_dir, new CandleGeneratorOptions { Days = 1 }).Path);
        Assert.True(table.TryGetSeries("upbit", "KRW", "BTC", out var series));
        var range = table.Last(series, 5);
        var times = table.BaseTm[range];
        Assert.Equal(5, times.Length);
        Assert.Equal(table.BaseTm[series.Start + series.Count - 1], times[^1]);
        for (var i = 1; i < times.Length; i++)
        {
            Assert.Equal(60_000, times[i] - times[i - 1]);
        }

        Assert.Equal(series.Count, table.BaseTm[table.Last(series, 100_000)].Length);
        Assert.Empty(table.BaseTm[table.Last(series, 0)]);
        Assert.False(table.TryGetSeries("upbit", "KRW", "NOPE", out _));
        Assert.False(table.TryGetSeries("binance", "KRW", "BTC", out _));
    }

    [Fact]
    public async Task EnsureGeneratedAsync_CalledTwiceConcurrently_GeneratesOnceAndKeepsTheFile()
    {
        var options = new CandleGeneratorOptions { Days = 1 };
        var paths = await Task.WhenAll(CandleDataSet.EnsureGeneratedAsync(_dir, options), CandleDataSet.EnsureGeneratedAsync(_dir, options));
        Assert.Equal(paths[0], paths[1]);
        var written = File.GetLastWriteTimeUtc(paths[0]);
        Assert.Equal(paths[0], await CandleDataSet.EnsureGeneratedAsync(_dir, options));
        Assert.Equal(written, File.GetLastWriteTimeUtc(paths[0]));
        Assert.Single(Directory.GetFiles(_dir));
    }
}
