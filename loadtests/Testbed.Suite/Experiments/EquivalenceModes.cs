namespace Testbed.Suite.Experiments;

internal static class EquivalenceModes
{
    public const string Json = "json";
    public const string Bytes = "bytes";
}
