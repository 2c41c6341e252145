namespace Testbed.Suite.Launch;

/// <summary>A role did not become ready: it exited, timed out, or its executable could not start.</summary>
internal sealed class RoleStartException(string message) : Exception(message);
