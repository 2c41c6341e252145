namespace Testbed.Servers.Data;

/// <summary>Output formats of <c>data cat</c>.</summary>
internal static class DataFormats
{
    public const string Csv = "csv";
    public const string Json = "json";
    public static readonly string[] All = [Csv, Json];
}
