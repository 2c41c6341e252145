using System.Text.Json.Serialization;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>The answer of form <c>model</c>: the model objects as they are, serialized without a response-model pass.</summary>
internal sealed record CandleModelResponse([property: JsonPropertyName(CandleJson.Data)] IReadOnlyList<CandleModel> Data);
