using System.Text.Json;

namespace Testbed.Suite.Runs;

/// <summary>
/// The suite's view of a load run's <c>--json</c> file (schema <c>testbed-load/run@1</c>). Read
/// from the file, never from the engine's types, so that the suite depends only on the contract.
/// Unknown fields are ignored: the generator may add more.
/// </summary>
internal sealed record RunRecordView
{
    public const string Schema = "testbed-load/run@1";

    public string? SchemaName { get; init; }

    public string? Profile { get; init; }

    public string? Target { get; init; }

    public string? CommandLine { get; init; }

    public double DurationSeconds { get; init; }

    public RunCountsView Counts { get; init; } = new();

    public double Rps { get; init; }

    public RunLatency Latency { get; init; } = new();

    public Dictionary<string, long> ServedBy { get; init; } = [];

    public List<TimeSeriesPointView> TimeSeries { get; init; } = [];

    /// <summary>The generator processes whose requests the record holds: one per run, every segment once merged.</summary>
    public List<GeneratorView> Generators { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static RunRecordView Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var schema = document.RootElement.TryGetProperty("schema", out var s) ? s.GetString() : null;
        if (schema != Schema)
        {
            throw new InvalidDataException($"not a {Schema} file (schema: {schema ?? "missing"})");
        }

        var run = document.RootElement.Deserialize<RunRecordView>(Options) ?? throw new InvalidDataException("empty run file");
        return run with { SchemaName = schema };
    }
}
