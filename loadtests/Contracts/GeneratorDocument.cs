using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>
/// One generator process behind a run record: the record file it wrote (null when it wrote none), its
/// segment ("I/N"), host name, process id and the CPU time (user + system, seconds) the process used
/// over its whole life, so a merged record shows whether a generator rather than the target was the
/// limit. <see cref="LoadCpuSeconds"/> is the part spent while the load ran (start-up, JIT and
/// writing the reports left out), which over the run's duration is the share of a core the
/// generator needed. Older records lack the CPU times.
/// </summary>
internal sealed record GeneratorDocument
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? File { get; init; }

    public string Segment { get; init; } = "1/1";

    public string Host { get; init; } = "";

    public int Pid { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? CpuSeconds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? LoadCpuSeconds { get; init; }
}
