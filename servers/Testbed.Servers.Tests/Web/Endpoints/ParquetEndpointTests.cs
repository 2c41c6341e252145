using System.Net;
using System.Text.Json;
using Testbed.Servers.Data;
using Testbed.Servers.Tests.TestSupport;
using Testbed.Servers.Web;
using Testbed.Servers.Web.Endpoints;

namespace Testbed.Servers.Tests.Web.Endpoints;

public sealed class ParquetEndpointTests(CandleAppFixture app) : IClassFixture<CandleAppFixture>
{
    [Fact]
    public void Startup_MissingExtractFile_WritesTheExtractBesideTheCandleFile()
    {
        var extract = CandleTable.Load(Path.Combine(app.Directory, CandleExtractFile.FileName));

        Assert.All(extract.Series, s => Assert.Equal((CandleExtractFile.Exchange, CandleExtractFile.Market), (s.Exchange, s.Market)));
        Assert.Equal(10, extract.Series.Count);
        Assert.Equal(10 * CandleAppFixture.Days * 1440, extract.RowCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?limit=1")]
    [InlineData("?limit=1440&asset=ETH")]
    [InlineData("?market=KRW&asset=XRP&limit=37")]
    public async Task ParquetLocal_SameQuery_ReturnsTheCachedBytes(string query)
    {
        var local = await app.Client.GetAsync("/parquet/local" + query);
        var cached = await app.Client.GetAsync("/parquet/cached" + query);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(await cached.Content.ReadAsByteArrayAsync(), await local.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ParquetCached_Default_ReturnsLast100CandlesOfUpbitKrwBtcAndTheirSummary()
    {
        var table = app.Candles;
        Assert.True(table.TryGetSeries("upbit", "KRW", "BTC", out var series));
        var (offset, _) = table.Last(series, 100).GetOffsetAndLength(table.RowCount);

        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/parquet/cached"));
        var root = json.RootElement;
        var data = root.GetProperty("data").EnumerateArray().ToArray();

        Assert.Equal(100, root.GetProperty("count").GetInt32());
        Assert.Equal(100, data.Length);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(table.BaseTm[offset + i], data[i].GetProperty("basetm").GetInt64());
            Assert.Equal(table.Close[offset + i], data[i].GetProperty("c").GetDouble());
        }

        Assert.Equal(table.Low.Skip(offset).Take(100).Min(), root.GetProperty("low").GetDouble());
        Assert.Equal(table.High.Skip(offset).Take(100).Max(), root.GetProperty("high").GetDouble());
        Assert.Equal(table.Volume.Skip(offset).Take(100).Sum(), root.GetProperty("volume").GetDouble(), 1e-6);
    }

    [Theory]
    [InlineData("/parquet/local?limit=0")]
    [InlineData("/parquet/cached?limit=1441")]
    [InlineData("/parquet/local?limit=abc")]
    public Task Parquet_BadLimit_Returns400WithJsonError(string path) =>
        AssertJsonErrorAsync(path, HttpStatusCode.BadRequest, "invalid_query");

    [Theory]
    [InlineData("/parquet/local?asset=NOPE")]
    [InlineData("/parquet/cached?exchange=binance")]
    public Task Parquet_UnknownSeries_Returns404WithJsonError(string path) =>
        AssertJsonErrorAsync(path, HttpStatusCode.NotFound, "not_found");

    [Fact]
    public async Task ParquetLocal_FileReplacedAfterStart_ReadsTheNewFileWhileCachedKeepsTheOld()
    {
        // Its own server and folder: replacing the file must not disturb the other tests.
        var directory = Path.Combine(Path.GetTempPath(), "testbed-candles-" + Guid.NewGuid().ToString("N"));
        try
        {
            CandleDataSet.Generate(directory, new CandleGeneratorOptions { Days = 1 });
            using var factory = new WebServerFactory(new WebServerOptions { Mode = WorkerModes.Async, DataDirectory = directory });
            using var client = factory.CreateClient();
            var before = await client.GetStringAsync("/parquet/local?limit=5");
            Assert.Equal(before, await client.GetStringAsync("/parquet/cached?limit=5"));

            var other = Path.Combine(directory, "other");
            var generated = CandleDataSet.Generate(other, new CandleGeneratorOptions { Days = 1, Seed = 99 });
            CandleExtractFile.Write(CandleTable.Load(generated.Path), Path.Combine(directory, CandleExtractFile.FileName));

            var after = await client.GetStringAsync("/parquet/local?limit=5");
            Assert.NotEqual(before, after);
            Assert.Equal(before, await client.GetStringAsync("/parquet/cached?limit=5"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ParquetLocal_ExtractDamagedAfterStart_Returns500NamingTheFile()
    {
        var directory = Path.Combine(Path.GetTempPath(), "testbed-candles-" + Guid.NewGuid().ToString("N"));
        try
        {
            CandleDataSet.Generate(directory, new CandleGeneratorOptions { Days = 1 });
            using var factory = new WebServerFactory(new WebServerOptions { Mode = WorkerModes.Async, DataDirectory = directory });
            using var client = factory.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/parquet/local?limit=5")).StatusCode);

            var extract = Path.Combine(directory, CandleExtractFile.FileName);
            var bytes = await File.ReadAllBytesAsync(extract);
            await File.WriteAllBytesAsync(extract, bytes[..(bytes.Length / 2)]);

            var response = await client.GetAsync("/parquet/local?limit=5");
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("\"error\":\"data_file_unreadable\"", body);
            Assert.Contains(CandleExtractFile.FileName, body);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/parquet/cached?limit=5")).StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task AssertJsonErrorAsync(string path, HttpStatusCode status, string error)
    {
        var response = await app.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains($"\"error\":\"{error}\"", await response.Content.ReadAsStringAsync());
    }
}
