using Testbed.Suite.Measurement;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// One load of a step as it ended: measured (<see cref="Load"/>), broken (<see cref="Error"/>: the
/// experiment fails), or spoiled by a role that died under it (neither). The command is known in every case.
/// </summary>
internal sealed record LoadAttempt(string CommandLine, MeasuredLoad? Load, string? Error);
