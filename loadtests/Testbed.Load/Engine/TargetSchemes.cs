namespace Testbed.Load.Engine;

/// <summary>The URL schemes a target may use.</summary>
internal static class TargetSchemes
{
    public const string Http = "http";
    public const string Tcp = "tcp";
}
