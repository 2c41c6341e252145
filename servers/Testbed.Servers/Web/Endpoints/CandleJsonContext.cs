using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>Source-generated serializers of the /candle answers; names come from the types' JsonPropertyName attributes.</summary>
[JsonSerializable(typeof(CandleResponse))]
[JsonSerializable(typeof(ValidationErrorResponse))]
[JsonSerializable(typeof(HttpErrorResponse))]
internal sealed partial class CandleJsonContext : JsonSerializerContext
{
    /// <summary>Relaxed escaping keeps the 422 messages readable ('1m', not \u00271m\u0027); numbers are unaffected.</summary>
    public static CandleJsonContext Api { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
