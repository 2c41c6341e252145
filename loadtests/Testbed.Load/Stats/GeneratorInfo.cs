namespace Testbed.Load.Stats;

/// <summary>
/// One generator process behind a run record: the record file it wrote (null when it wrote none), its
/// segment ("I/N"), host name and process id. A merged record lists every generator it came from.
/// </summary>
internal sealed record GeneratorInfo(string? File, string Segment, string Host, int Pid);
