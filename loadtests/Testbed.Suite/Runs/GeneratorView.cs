namespace Testbed.Suite.Runs;

/// <summary>One generator process a run record names: its segment ("I/N"), host, pid and the CPU seconds (user + system) it used over its life, start-up included.</summary>
internal sealed record GeneratorView
{
    public string? File { get; init; }

    public string Segment { get; init; } = "1/1";

    public string Host { get; init; } = "";

    public int Pid { get; init; }

    public double? CpuSeconds { get; init; }
}
