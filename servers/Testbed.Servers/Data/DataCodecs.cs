using Testbed.Parquet;

namespace Testbed.Servers.Data;

/// <summary>Codec names accepted by <c>data generate --codec</c>.</summary>
internal static class DataCodecs
{
    public const string None = "none";
    public const string Snappy = "snappy";
    public const string Gzip = "gzip";
    public static readonly string[] All = [None, Snappy, Gzip];

    public static ParquetCompression Parse(string name) => name switch
    {
        None => ParquetCompression.Uncompressed,
        Snappy => ParquetCompression.Snappy,
        Gzip => ParquetCompression.Gzip,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown codec"),
    };
}
