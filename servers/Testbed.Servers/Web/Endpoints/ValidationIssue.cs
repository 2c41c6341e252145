using System.Text.Json.Serialization;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>One entry of a FastAPI-style 422 answer: <c>{"type","loc":["query","limit"],"msg","input"}</c>.</summary>
internal sealed record ValidationIssue(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("loc")] IReadOnlyList<string> Loc,
    [property: JsonPropertyName("msg")] string Msg,
    [property: JsonPropertyName("input")] string? Input);
