using System.Text.Json;
using System.Text.Json.Serialization;
using Testbed.Suite.Results;

namespace Testbed.Suite.Reports;

/// <summary>results.json: the whole suite, every figure, for other tools (NaN written as "NaN").</summary>
internal static class ResultsJsonWriter
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Render(SuiteResult suite) => JsonSerializer.Serialize(suite, Options);
}
