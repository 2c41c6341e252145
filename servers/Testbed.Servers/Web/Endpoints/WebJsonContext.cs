using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Testbed.Servers.Web.Cpu;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>Source-generated serializers for the web app's JSON answers (camelCase, no reflection at run time).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(CpuResult))]
internal sealed partial class WebJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The instance endpoints use. Relaxed escaping keeps error details readable ('ms', not \u0027ms\u0027);
    /// the answers are JSON bodies, never embedded in HTML.
    /// </summary>
    public static WebJsonContext Api { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
