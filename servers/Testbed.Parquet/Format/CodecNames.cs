namespace Testbed.Parquet.Format;

/// <summary>Names of parquet.thrift's compression codecs, for error messages.</summary>
internal static class CodecNames
{
    public static string Name(int codec) => codec switch
    {
        0 => "UNCOMPRESSED",
        1 => "SNAPPY",
        2 => "GZIP",
        3 => "LZO",
        4 => "BROTLI",
        5 => "LZ4",
        6 => "ZSTD",
        7 => "LZ4_RAW",
        _ => $"codec #{codec}",
    };
}
