using System.Buffers;
using System.Text.Json;
using Testbed.Servers.Data;
using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// <c>/parquet/local</c> and <c>/parquet/cached</c>: the last <c>limit</c> 1-minute candles of
/// one series of the extract file and their summary. <c>local</c> opens, reads and decodes the file on
/// every request (no cache of its own; the OS page cache is what a real server would have too);
/// <c>cached</c> answers from the copy decoded at start-up. Both write the answer with the same code,
/// so they are byte for byte the same. The file's path comes from configuration only.
/// </summary>
internal static class ParquetEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1440;
    public const string DefaultExchange = CandleExtractFile.Exchange;
    public const string DefaultMarket = CandleExtractFile.Market;
    public const string DefaultAsset = "BTC";

    public static IEndpointRouteBuilder MapParquetEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var store = endpoints.ServiceProvider.GetRequiredService<CandleStore>();
        endpoints.MapGet("/parquet/local", (HttpContext context) =>
        {
            CandleTable table;
            try
            {
                table = CandleTable.Load(store.ExtractPath);
            }
            catch (Exception e) when (e is ParquetFileException or IOException)
            {
                return ApiError.DataFile(ParquetGuard.Wrap(store.ExtractPath, null, e));
            }

            return Answer(context, table);
        });
        endpoints.MapGet("/parquet/cached", (HttpContext context) => Answer(context, store.CachedExtract));
        return endpoints;
    }

    private static IResult Answer(HttpContext context, CandleTable table)
    {
        if (!QueryValues.TryGetInt(context, "limit", DefaultLimit, 1, MaxLimit, out var limit, out var error))
        {
            return error!;
        }

        var exchange = Text(context, "exchange", DefaultExchange);
        var market = Text(context, "market", DefaultMarket);
        var asset = Text(context, "asset", DefaultAsset);
        if (!table.TryGetSeries(exchange, market, asset, out var series))
        {
            return Results.Json(
                new ApiError(ApiError.NotFound, $"no series {exchange}/{market}/{asset} in {CandleExtractFile.FileName}"),
                WebJsonContext.Api.ApiError,
                statusCode: StatusCodes.Status404NotFound);
        }

        return Results.Bytes(Write(exchange, market, asset, CandleBlock.Slice(table, table.Last(series, limit))), CandleJson.ContentType);
    }

    /// <summary><c>{"exchange","market","asset","count","low","high","volume","data":[...]}</c>; low/high/volume summarise the rows returned.</summary>
    public static byte[] Write(string exchange, string market, string asset, CandleBlock block)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + block.Count * 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("exchange", exchange);
            writer.WriteString("market", market);
            writer.WriteString("asset", asset);
            writer.WriteNumber("count", block.Count);
            writer.WriteNumber("low", block.Count == 0 ? 0 : block.Low.Min());
            writer.WriteNumber("high", block.Count == 0 ? 0 : block.High.Max());
            var volume = 0.0;
            foreach (var v in block.Volume)
            {
                volume += v;
            }

            writer.WriteNumber("volume", volume);
            CandleJson.WriteData(writer, block);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Text(HttpContext context, string name, string defaultValue) =>
        context.Request.Query.TryGetValue(name, out var raw) && !string.IsNullOrEmpty(raw[0]) ? raw[0]! : defaultValue;
}
