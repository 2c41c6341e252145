namespace Testbed.Suite.Experiments;

/// <summary>The executables a role may name; the same names are used by --server-exe/--proxy-exe and in reports.</summary>
internal static class RoleExecutables
{
    public const string Server = "testbed-server";
    public const string Proxy = "testbed-proxy";

    public static readonly IReadOnlyList<string> All = [Server, Proxy];
}
