namespace Testbed.Suite.Experiments;

/// <summary>How a role is reached and checked: HTTP (/healthz, http:// URLs) or raw TCP (tcp:// URLs).</summary>
internal static class RoleKinds
{
    public const string Http = "http";
    public const string Tcp = "tcp";
}
