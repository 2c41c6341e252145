using System.Buffers.Binary;
using System.IO.Compression;
using HdrHistogram;
using HdrHistogram.Utilities;

namespace Testbed.Views;

/// <summary>
/// HdrHistogram's standard exchange form: the V2 compressed encoding in base64, as in the payload
/// column of HistogramLogWriter lines. Run records carry their histograms this way, so that any
/// HdrHistogram implementation decodes them and records merge without loss.
/// </summary>
internal static class HdrEncoding
{
    /// <summary>Compressed V2 encoding: 4-byte cookie, 4-byte length (big-endian), then zlib data.</summary>
    private const int CompressedHeaderBytes = 8;

    /// <summary>The compressed V2 cookie without its word-size bits (0xf0), which HdrHistogram sets to 0x10.</summary>
    private const int CompressedCookieBase = 0x1c849304;
    private const int WordSizeBits = 0xf0;

    public static string ToBase64(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        int length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        // The library's bulk copy out of a ByteBuffer is internal; the encoding is a few kilobytes.
        var bytes = new byte[length];
        buffer.Position = 0;
        for (int i = 0; i < length; i++) bytes[i] = buffer.Get();
        return Convert.ToBase64String(bytes);
    }

    /// <summary>
    /// Decodes the compressed form. HdrHistogram.NET 2.5.0's own decoder reads the inflated payload
    /// with a single <c>Stream.Read</c>, which a <see cref="DeflateStream"/> may answer with fewer
    /// bytes than asked at a block boundary; it then throws "The buffer does not contain the
    /// indicated payload amount" for a valid histogram (HdrHistogram.NET issue 99: a 600 s, 1000-user
    /// E6 record). So the payload is inflated here to its end and decoded from the uncompressed form
    /// with the library's own decoder.
    /// </summary>
    /// <exception cref="FormatException">The text is not base64.</exception>
    /// <exception cref="ArgumentException">The bytes are not a compressed HdrHistogram.</exception>
    public static HistogramBase FromBase64(string encoded)
    {
        var bytes = Convert.FromBase64String(encoded);
        if (bytes.Length < CompressedHeaderBytes + 2
            || (BinaryPrimitives.ReadInt32BigEndian(bytes) & ~WordSizeBits) != CompressedCookieBase)
            throw new ArgumentException("not a compressed HdrHistogram (no compressed V2 cookie)");
        int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        if (length < 2 || length > bytes.Length - CompressedHeaderBytes)
            throw new ArgumentException($"a compressed HdrHistogram of {length} bytes in {bytes.Length - CompressedHeaderBytes}");

        // The zlib data: a 2-byte RFC 1950 header, then raw deflate (HdrHistogram.NET writes no checksum).
        using var deflated = new MemoryStream(bytes, CompressedHeaderBytes + 2, length - 2);
        using var inflater = new DeflateStream(deflated, CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        try
        {
            inflater.CopyTo(inflated);
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException($"a compressed HdrHistogram whose data does not inflate: {e.Message}", e);
        }
        return HistogramEncoding.DecodeFromByteBuffer(ByteBuffer.Allocate(inflated.ToArray()), 0);
    }
}
