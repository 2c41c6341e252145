using Testbed.Servers.Data;
using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// <c>GET /candle/{exchange}/{market}/{asset}?interval=1m&amp;limit=100&amp;form=validated</c>: the
/// last <c>limit</c> candles of a series at an interval, as <c>{"data":[{"basetm","o","h","l","c","v"}]}</c>,
/// built in one of three forms (<see cref="CandleForms"/>) that give the same bytes at different costs.
/// The table is the full candle file, decoded once on the first request.
/// </summary>
internal static class CandleEndpoints
{
    public const string Route = "/candle/{exchange}/{market}/{asset}";

    public static IEndpointRouteBuilder MapCandleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var store = endpoints.ServiceProvider.GetRequiredService<CandleStore>();
        endpoints.MapGet(Route, (HttpContext context, string exchange, string market, string asset) =>
        {
            var issues = new List<ValidationIssue>();
            var query = CandleQuery.Parse(context.Request.Query, issues);
            if (issues.Count > 0)
            {
                return Results.Json(new ValidationErrorResponse(issues), CandleJsonContext.Api.ValidationErrorResponse, statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            CandleTable table;
            try
            {
                table = store.Candles;
            }
            catch (Exception e) when (e is ParquetFileException or IOException)
            {
                return ApiError.DataFile(ParquetGuard.Wrap(store.CandlePath, null, e));
            }

            if (!table.TryGetSeries(exchange, market, asset, out var series))
            {
                return Results.Json(new HttpErrorResponse($"unknown exchange, market or asset: {exchange}/{market}/{asset}"), CandleJsonContext.Api.HttpErrorResponse, statusCode: StatusCodes.Status404NotFound);
            }

            var block = CandleAggregator.Last(table, series, CandleIntervals.Minutes[query.Interval], query.Limit);
            try
            {
                return query.Form switch
                {
                    CandleForms.Raw => new RawCandleResult(block),
                    CandleForms.Model => Results.Json(Models(block), CandleJsonContext.Api.CandleResponse),
                    _ => Results.Json(ResponseModelValidator.Build<CandleResponse>(Models(block)), CandleJsonContext.Api.CandleResponse),
                };
            }
            catch (ModelValidationException e)
            {
                return Results.Json(new HttpErrorResponse($"response validation failed: {e.Message}"), CandleJsonContext.Api.HttpErrorResponse, statusCode: StatusCodes.Status500InternalServerError);
            }
        });
        return endpoints;
    }

    /// <summary>One model object per candle, each validated by <see cref="ModelValidator"/> as it is built (pydantic's <c>Candle(**row)</c>).</summary>
    private static CandleResponse Models(CandleBlock block)
    {
        var models = new List<CandleOut>(block.Count);
        var location = new ModelLocation("data");
        for (var i = 0; i < block.Count; i++)
        {
            var model = new CandleOut { Basetm = block.BaseTm[i], O = block.Open[i], H = block.High[i], L = block.Low[i], C = block.Close[i], V = block.Volume[i] };
            ModelValidator.Validate(model, location.At(i));
            models.Add(model);
        }

        return new CandleResponse { Data = models };
    }
}
