using System.Text.Json.Serialization;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>FastAPI's 422 body: <c>{"detail":[issue, ...]}</c>, every problem of the request at once.</summary>
internal sealed record ValidationErrorResponse([property: JsonPropertyName("detail")] IReadOnlyList<ValidationIssue> Detail);
