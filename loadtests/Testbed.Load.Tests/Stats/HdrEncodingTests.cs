using HdrHistogram;
using Testbed.Load.Stats;

namespace Testbed.Load.Tests.Stats;

public sealed class HdrEncodingTests
{
    private static LatencyHistogram Random(int seed, int n, long maxMicros)
    {
        var random = new Random(seed);
        var h = new LatencyHistogram();
        for (int i = 0; i < n; i++) h.Record((long)Math.Exp(random.NextDouble() * Math.Log(maxMicros)));
        return h;
    }

    [Fact]
    public void FromBase64_EncodedHistogram_DecodesToEqualCounts()
    {
        var h = Random(5, 20_000, LatencyHistogram.MaxTrackableMicros);
        var decoded = HdrEncoding.FromBase64(HdrEncoding.ToBase64(h.Hdr));
        HdrAssert.Equal(h.Hdr, decoded);
        Assert.Equal(LatencyHistogram.SignificantDigits, decoded.NumberOfSignificantValueDigits);
    }

    [Fact]
    public void FromBase64_EmptyHistogram_DecodesToEmpty()
    {
        var decoded = HdrEncoding.FromBase64(HdrEncoding.ToBase64(new LatencyHistogram().Hdr));
        Assert.Equal(0, decoded.TotalCount);
    }

    [Fact]
    public void ToBase64_StandardForm_StartsWithCompressedV2Cookie()
    {
        // 0x1c849314: HdrHistogram's compressed V2 cookie, "HISTFAAA..." in base64 as in every log line.
        Assert.StartsWith("HISTFAAA", HdrEncoding.ToBase64(Random(1, 10, 1000).Hdr));
    }

    [Fact]
    public void FromBase64_NotAHistogram_Throws()
    {
        Assert.ThrowsAny<Exception>(() => HdrEncoding.FromBase64(Convert.ToBase64String(new byte[64])));
        Assert.Throws<FormatException>(() => HdrEncoding.FromBase64("not base64!"));
    }
}
