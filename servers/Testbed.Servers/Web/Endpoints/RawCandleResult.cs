using System.Text.Json;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>The <c>raw</c> form of /candle: the columns written straight into the response body with one Utf8JsonWriter.</summary>
internal sealed class RawCandleResult(CandleBlock block) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = CandleJson.ContentType;
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        writer.WriteStartObject();
        CandleJson.WriteData(writer, block);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
