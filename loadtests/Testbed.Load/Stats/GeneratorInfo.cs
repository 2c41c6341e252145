namespace Testbed.Load.Stats;

/// <summary>
/// One generator process behind a run record: the record file it wrote (null when it wrote none), its
/// segment ("I/N"), host name, process id and the CPU time (user + system, seconds) the process used
/// over its whole life, so a merged record shows whether a generator rather than the target was the
/// limit. <see cref="LoadCpuSeconds"/> is the part spent while the load ran (start-up, JIT and
/// writing the reports left out), which over the run's duration is the share of a core the
/// generator needed. A merged record lists every generator it came from.
/// </summary>
internal sealed record GeneratorInfo(string? File, string Segment, string Host, int Pid, double? CpuSeconds = null, double? LoadCpuSeconds = null);
