namespace Testbed.Suite.Loads;

/// <summary>How a load process ended: exit code (1 = the target refused everything, still with a JSON file), the command line run, and its last stderr lines.</summary>
internal sealed record LoadOutcome(int ExitCode, string CommandLine, string StandardError, bool TimedOut);
