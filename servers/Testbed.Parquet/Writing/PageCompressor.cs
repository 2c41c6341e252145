using System.IO.Compression;

namespace Testbed.Parquet.Writing;

/// <summary>Compresses page bodies with the chosen codec.</summary>
internal static class PageCompressor
{
    public static byte[] Compress(ParquetCompression codec, ReadOnlySpan<byte> data)
    {
        switch (codec)
        {
            case ParquetCompression.Uncompressed:
                return data.ToArray();
            case ParquetCompression.Snappy:
                return IronSnappy.Snappy.Encode(data);
            case ParquetCompression.Gzip:
                {
                    using var output = new MemoryStream();
                    using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        gz.Write(data);
                    }

                    return output.ToArray();
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(codec), codec, "unknown codec");
        }
    }
}
