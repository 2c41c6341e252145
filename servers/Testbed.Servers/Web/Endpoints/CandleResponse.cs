using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>The declared response model of /candle: <c>{"data":[CandleOut, ...]}</c>.</summary>
internal sealed class CandleResponse
{
    [Required]
    [JsonPropertyName(CandleJson.Data)]
    public List<CandleOut> Data { get; set; } = [];
}
