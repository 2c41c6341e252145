namespace Testbed.Load.Stats;

/// <summary>
/// A finished run, everything a report writer needs: what was run (profile, target, parameters,
/// seed, command line), what the target said about itself, and the statistics. Writers read it and
/// never touch a socket.
/// </summary>
internal sealed record RunRecord(
    string Profile,
    string TargetUrl,
    string Host,
    int Port,
    string Path,
    string CommandLine,
    IReadOnlyList<KeyValuePair<string, object?>> Parameters,
    int Seed,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    bool Interrupted,
    string? ServerSoftware,
    long DocumentLength,
    bool VariableLength,
    bool KeepAlive,
    int Concurrency,
    long RequestBodyBytes,
    RunStatistics Statistics)
{
    public const string Schema = "testbed-load/run@1";

    /// <summary>The generator processes whose requests this record holds: one for a run, several once merged.</summary>
    public IReadOnlyList<GeneratorInfo>? Generators { get; init; }

    /// <summary>The --threshold results (null: none given; omitted from the record).</summary>
    public IReadOnlyList<Thresholds.ThresholdResult>? Thresholds { get; init; }

    /// <summary>The capacity search (profile "capacity" only; omitted from the record otherwise).</summary>
    public Capacity.CapacityResult? Capacity { get; init; }

    /// <summary>Completed requests per second over the whole run.</summary>
    public double Rps => DurationSeconds > 0 ? Statistics.Counts.Completed / DurationSeconds : 0;
}
