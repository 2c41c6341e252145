namespace Testbed.Suite.Pipeline;

/// <summary>Where a role listens: host and port, and its base URL (http://host:port or tcp://host:port).</summary>
internal sealed record RoleAddress(string Host, int Port, string Url);
