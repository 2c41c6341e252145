namespace Testbed.Suite.Runs;

/// <summary>
/// One generator process a run record names: its segment ("I/N"), host, pid, the CPU seconds
/// (user + system) it used over its life, start-up included, and those it used while the load ran
/// (records of older generators lack the latter).
/// </summary>
internal sealed record GeneratorView
{
    public string? File { get; init; }

    public string Segment { get; init; } = "1/1";

    public string Host { get; init; } = "";

    public int Pid { get; init; }

    public double? CpuSeconds { get; init; }

    public double? LoadCpuSeconds { get; init; }

    /// <summary>CPU ms while the load ran when the record has it, else over the whole process; NaN when unknown.</summary>
    public double BestCpuMs => (LoadCpuSeconds ?? CpuSeconds) is { } seconds ? seconds * 1000 : double.NaN;
}
