using System.IO.Compression;
using Testbed.Parquet.Format;

namespace Testbed.Parquet.Reading;

/// <summary>Decompresses page bodies; the declared uncompressed size is checked before anything is allocated.</summary>
internal static class PageDecompressor
{
    public static ReadOnlySpan<byte> Decompress(int codec, byte[] file, int offset, int length, int uncompressedSize, string column, AllocationBudget budget)
    {
        var input = file.AsSpan(offset, length);
        switch (codec)
        {
            case 0:
                if (length != uncompressedSize)
                {
                    throw new ParquetException($"column '{column}': uncompressed page of {length} bytes declares {uncompressedSize}");
                }

                return input;
            case 1:
                {
                    if (uncompressedSize == 0 && length <= 1)
                    {
                        return [];
                    }

                    var declared = SnappyLength(input, column);
                    if (declared != uncompressedSize)
                    {
                        throw new ParquetException($"column '{column}': snappy block holds {declared} bytes, page header says {uncompressedSize}");
                    }

                    budget.CheckedLength(declared, 1, $"column '{column}': snappy page");
                    try
                    {
                        return IronSnappy.Snappy.Decode(input);
                    }
                    catch (Exception e) when (e is not ParquetException)
                    {
                        throw new ParquetException($"column '{column}': corrupt snappy page ({e.Message})", e);
                    }
                }

            case 2:
                {
                    var output = new byte[budget.CheckedLength(uncompressedSize, 1, $"column '{column}': gzip page")];
                    try
                    {
                        // GZipStream reads concatenated gzip members one after another.
                        using var gz = new GZipStream(new MemoryStream(file, offset, length, writable: false), CompressionMode.Decompress);
                        var read = 0;
                        while (read < output.Length)
                        {
                            var n = gz.Read(output, read, output.Length - read);
                            if (n == 0)
                            {
                                break;
                            }

                            read += n;
                        }

                        if (read != output.Length || gz.ReadByte() != -1)
                        {
                            throw new ParquetException($"column '{column}': gzip page does not decompress to the declared {uncompressedSize} bytes");
                        }
                    }
                    catch (InvalidDataException e)
                    {
                        throw new ParquetException($"column '{column}': corrupt gzip page ({e.Message})", e);
                    }

                    return output;
                }

            default:
                throw new ParquetException($"column '{column}': compression codec {CodecNames.Name(codec)} is not supported (only UNCOMPRESSED, SNAPPY and GZIP)");
        }
    }

    private static long SnappyLength(ReadOnlySpan<byte> data, string column)
    {
        ulong result = 0;
        for (var i = 0; i < 5 && i < data.Length; i++)
        {
            result |= (ulong)(data[i] & 0x7F) << (7 * i);
            if ((data[i] & 0x80) == 0)
            {
                return (long)result;
            }
        }

        throw new ParquetException($"column '{column}': corrupt snappy length header");
    }
}
