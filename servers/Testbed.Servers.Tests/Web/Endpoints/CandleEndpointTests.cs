using System.Net;
using System.Text.Json;
using Testbed.Servers.Tests.TestSupport;
using Testbed.Servers.Web.Endpoints;

namespace Testbed.Servers.Tests.Web.Endpoints;

public sealed class CandleEndpointTests(CandleAppFixture app) : IClassFixture<CandleAppFixture>
{
    private const string Btc = "/candle/upbit/KRW/BTC";

    [Theory]
    [InlineData("1m", 1)]
    [InlineData("1m", 1000)]
    [InlineData("5m", 7)]
    [InlineData("15m", 100)]
    [InlineData("1h", 48)]
    [InlineData("4h", 13)]
    [InlineData("1d", 1440)]
    public async Task Candle_ThreeForms_ReturnTheSameBytes(string interval, int limit)
    {
        var bodies = new List<byte[]>();
        foreach (var form in CandleForms.All)
        {
            var response = await app.Client.GetAsync($"{Btc}?interval={interval}&limit={limit}&form={form}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
            bodies.Add(await response.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal(bodies[0], bodies[2]);
        using var json = JsonDocument.Parse(bodies[0]);
        var expected = Math.Min(limit, CandleAppFixture.Days * 1440 / CandleIntervals.Minutes[interval]);
        Assert.Equal(expected, json.RootElement.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("5m", 5)]
    [InlineData("1h", 60)]
    [InlineData("1d", 1440)]
    public async Task Candle_CoarserInterval_AggregatesOneMinuteCandlesByHand(string interval, int minutes)
    {
        var table = app.Candles;
        Assert.True(table.TryGetSeries("upbit", "KRW", "ETH", out var series));
        var bucketMs = minutes * 60_000L;
        var expected = Enumerable.Range(series.Start, series.Count)
            .GroupBy(i => table.BaseTm[i] / bucketMs * bucketMs)
            .Select(g => new
            {
                BaseTm = g.Key,
                O = table.Open[g.First()],
                H = g.Max(i => table.High[i]),
                L = g.Min(i => table.Low[i]),
                C = table.Close[g.Last()],
                V = g.Sum(i => table.Volume[i]),
            })
            .TakeLast(2)
            .ToArray();

        using var json = JsonDocument.Parse(await app.Client.GetStringAsync($"/candle/upbit/KRW/ETH?interval={interval}&limit=2&form=raw"));
        var data = json.RootElement.GetProperty("data").EnumerateArray().ToArray();

        Assert.Equal(2, data.Length);
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal(expected[k].BaseTm, data[k].GetProperty("basetm").GetInt64());
            Assert.Equal(expected[k].O, data[k].GetProperty("o").GetDouble());
            Assert.Equal(expected[k].H, data[k].GetProperty("h").GetDouble());
            Assert.Equal(expected[k].L, data[k].GetProperty("l").GetDouble());
            Assert.Equal(expected[k].C, data[k].GetProperty("c").GetDouble());
            Assert.Equal(expected[k].V, data[k].GetProperty("v").GetDouble(), expected[k].V * 1e-12);
        }

        Assert.Equal(bucketMs, data[1].GetProperty("basetm").GetInt64() - data[0].GetProperty("basetm").GetInt64());
    }

    [Fact]
    public async Task Candle_NoQuery_Returns100ValidatedOneMinuteCandlesEndingWithTheSeries()
    {
        var table = app.Candles;
        Assert.True(table.TryGetSeries("binance", "USDT", "SOL", out var series));
        var last = series.Start + series.Count - 1;

        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/candle/binance/USDT/SOL"));
        var data = json.RootElement.GetProperty("data").EnumerateArray().ToArray();

        Assert.Equal(CandleQuery.DefaultLimit, data.Length);
        Assert.Equal(table.BaseTm[last], data[^1].GetProperty("basetm").GetInt64());
        Assert.Equal(table.Volume[last], data[^1].GetProperty("v").GetDouble());
        Assert.Equal(["basetm", "o", "h", "l", "c", "v"], data[0].EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("0", "greater_than_equal")]
    [InlineData("1441", "less_than_equal")]
    [InlineData("abc", "int_parsing")]
    [InlineData("", "int_parsing")]
    public async Task Candle_InvalidLimit_Returns422WithFastApiDetail(string limit, string type)
    {
        var response = await app.Client.GetAsync($"{Btc}?interval=1m&limit={limit}&form=raw");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var issue = Assert.Single(json.RootElement.GetProperty("detail").EnumerateArray());
        Assert.Equal(["query", "limit"], issue.GetProperty("loc").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(type, issue.GetProperty("type").GetString());
        Assert.Equal(limit, issue.GetProperty("input").GetString());
        Assert.StartsWith("Input should be", issue.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Candle_BadIntervalAndForm_Returns422ListingBoth()
    {
        var response = await app.Client.GetAsync($"{Btc}?interval=2m&form=fast");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var issues = json.RootElement.GetProperty("detail").EnumerateArray().ToArray();
        Assert.Equal(["interval", "form"], issues.Select(i => i.GetProperty("loc")[1].GetString()));
        Assert.All(issues, i => Assert.Equal("literal_error", i.GetProperty("type").GetString()));
        Assert.Contains("Input should be '1m', '5m', '15m', '1h', '4h' or '1d'", body);
    }

    [Theory]
    [InlineData("/candle/kraken/KRW/BTC")]
    [InlineData("/candle/upbit/EUR/BTC")]
    [InlineData("/candle/upbit/KRW/NOPE")]
    [InlineData("/candle/upbit/BTC/BTC")]
    public async Task Candle_UnknownSeries_Returns404WithDetail(string path)
    {
        var response = await app.Client.GetAsync(path + "?limit=5");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("unknown exchange, market or asset", json.RootElement.GetProperty("detail").GetString());
    }
}
