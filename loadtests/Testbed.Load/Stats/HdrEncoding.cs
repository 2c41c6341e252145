using HdrHistogram;
using HdrHistogram.Utilities;

namespace Testbed.Load.Stats;

/// <summary>
/// HdrHistogram's standard exchange form: the V2 compressed encoding in base64, as in the payload
/// column of HistogramLogWriter lines. Run records carry their histograms this way, so that any
/// HdrHistogram implementation decodes them and records merge without loss.
/// </summary>
internal static class HdrEncoding
{
    public static string ToBase64(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        int length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        // The library's bulk copy out of a ByteBuffer is internal; the encoding is a few hundred bytes.
        var bytes = new byte[length];
        buffer.Position = 0;
        for (int i = 0; i < length; i++) bytes[i] = buffer.Get();
        return Convert.ToBase64String(bytes);
    }

    /// <exception cref="FormatException">The text is not base64.</exception>
    /// <exception cref="ArgumentException">The bytes are not a compressed HdrHistogram.</exception>
    public static HistogramBase FromBase64(string encoded) =>
        HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(encoded)), 0);
}
