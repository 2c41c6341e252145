
namespace Testbed.Suite.Pipeline;

/// <summary>A load's run record to grade (the merged one for several generators) and each generator's own, or why there is none.</summary>
internal sealed record RunRead(RunRecordDocument? Run, IReadOnlyList<RunRecordDocument> Segments, string? Error);
