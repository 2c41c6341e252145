namespace Testbed.Load.Engine;

/// <summary>Profile names, used identically as CLI commands and in reports.</summary>
internal static class ProfileNames
{
    public const string Ab = "ab";
    public const string Users = "users";
    public const string Threads = "threads";
    public const string Rate = "rate";
    public const string Capacity = "capacity";
}
