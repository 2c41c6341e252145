using Parquet;

namespace Testbed.Servers.Data;

/// <summary>Codec names accepted by <c>data generate --codec</c>.</summary>
internal static class DataCodecs
{
    public const string None = "none";
    public const string Snappy = "snappy";
    public const string Gzip = "gzip";
    public const string Zstd = "zstd";
    public static readonly string[] All = [None, Snappy, Gzip, Zstd];

    public static CompressionMethod Parse(string name) => name switch
    {
        None => CompressionMethod.None,
        Snappy => CompressionMethod.Snappy,
        Gzip => CompressionMethod.Gzip,
        Zstd => CompressionMethod.Zstd,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown codec"),
    };
}
