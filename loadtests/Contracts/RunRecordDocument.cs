using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>
/// The run record, schema <see cref="RunRecordSchema.Name"/>: what <c>testbed-load --json</c> and
/// <c>testbed-load merge</c> write, and what testbed-load (merge, compare) and testbed-suite read,
/// through <see cref="RunRecordJson"/>. The JSON is exactly these properties, camelCase, in this
/// order (docs/load-generator.md documents it; a test checks the two agree).
/// To add a field: add one nullable init property here (or in the nested type it belongs to); it
/// is omitted while null, so older readers and the golden files are unaffected; then document it.
/// [JsonRequired] marks what every record has had since version 1; everything else may be missing
/// from older records and reads as its default.
/// </summary>
internal sealed record RunRecordDocument
{
    [JsonRequired]
    public string Schema { get; init; } = RunRecordSchema.Name;

    /// <summary>One of <see cref="ProfileNames"/>.</summary>
    [JsonRequired]
    public string Profile { get; init; } = "";

    /// <summary>The URL the load was sent to.</summary>
    [JsonRequired]
    public string Target { get; init; } = "";

    [JsonRequired]
    public string CommandLine { get; init; } = "";

    /// <summary>The profile's parameters as given or defaulted, in order; values are null, bool, long, double or string.</summary>
    [JsonConverter(typeof(RunParametersConverter))]
    public IReadOnlyList<KeyValuePair<string, object?>> Parameters { get; init; } = [];

    public int Seed { get; init; }

    /// <summary>Written in UTC to the millisecond ("2025-01-02T03:04:05.000Z").</summary>
    [JsonConverter(typeof(UtcMillisecondsConverter))]
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Start to the end of the last request, rounded to the millisecond.</summary>
    [JsonRequired]
    public double DurationSeconds { get; init; }

    /// <summary>Ctrl-C or a hard stop.</summary>
    public bool Interrupted { get; init; }

    [JsonRequired]
    public RunCountsDocument Counts { get; init; } = new();

    /// <summary>Completed per second over <see cref="DurationSeconds"/>, rounded to 3 decimals.</summary>
    [JsonRequired]
    public double Rps { get; init; }

    public RunBytesDocument Bytes { get; init; } = new();

    [JsonRequired]
    public RunLatencyDocument Latency { get; init; } = new();

    /// <summary>Responses per X-Served-By value, most first.</summary>
    public IReadOnlyDictionary<string, long> ServedBy { get; init; } = new Dictionary<string, long>();

    /// <summary>What the target said about itself; missing from the oldest records.</summary>
    public ObservedDocument? Observed { get; init; }

    /// <summary>The generator processes whose requests this record holds: one for a run, several once merged; missing from older records.</summary>
    public IReadOnlyList<GeneratorDocument>? Generators { get; init; }

    /// <summary>The --threshold results, in the order given; missing when none was given. Dropped by <c>merge</c> (judged on one process's requests, they do not hold for the merged whole).</summary>
    public IReadOnlyList<ThresholdDocument>? Thresholds { get; init; }

    /// <summary>The capacity search (profile "capacity" only); the record's other measured fields are its last passing probe's.</summary>
    public CapacityDocument? Capacity { get; init; }

    /// <summary>One point per second of the run, by when responses ended.</summary>
    public IReadOnlyList<TimeSeriesPointDocument> TimeSeries { get; init; } = [];

    /// <summary>What limited the run as far as the generator can tell; missing from merged and older records.</summary>
    public DiagnosisDocument? Diagnosis { get; init; }
}
