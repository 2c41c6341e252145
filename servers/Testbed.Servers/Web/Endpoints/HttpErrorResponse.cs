using System.Text.Json.Serialization;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>FastAPI's HTTPException body: <c>{"detail":"..."}</c> (the 404 of an unknown series, the 500 of a failed response validation).</summary>
internal sealed record HttpErrorResponse([property: JsonPropertyName("detail")] string Detail);
