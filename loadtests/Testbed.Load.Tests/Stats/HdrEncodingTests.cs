using System.Text.Json;
using HdrHistogram;
using Testbed.Load.Stats;
using Testbed.Views;

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
    public void FromBase64_RecordOfA600sRunWith1000Users_DecodesEveryCount()
    {
        // A real record's histogram that HdrHistogram.NET 2.5.0's own decoder refuses ("The buffer
        // does not contain the indicated payload amount": it reads the inflated payload with one
        // Stream.Read), which made E6's full run fail to merge its two generators' records.
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "hdr-600s-1000-users.json")));
        var root = file.RootElement;

        var decoded = HdrEncoding.FromBase64(root.GetProperty("hdrHistogram").GetString()!);

        Assert.Equal(root.GetProperty("count").GetInt64(), decoded.TotalCount);
        Assert.Equal(root.GetProperty("p99Ms").GetDouble(), decoded.MedianEquivalentValue(decoded.GetValueAtPercentile(99)) / 1000.0, 1.0);
        HdrAssert.Equal(decoded, HdrEncoding.FromBase64(HdrEncoding.ToBase64(decoded)));
    }

    [Fact]
    public void FromBase64_TruncatedData_ThrowsArgumentException()
    {
        var bytes = Convert.FromBase64String(HdrEncoding.ToBase64(Random(3, 1000, 100_000).Hdr));
        Assert.Throws<ArgumentException>(() => HdrEncoding.FromBase64(Convert.ToBase64String(bytes, 0, bytes.Length / 2)));
    }

    [Fact]
    public void FromBase64_NotAHistogram_Throws()
    {
        Assert.ThrowsAny<Exception>(() => HdrEncoding.FromBase64(Convert.ToBase64String(new byte[64])));
        Assert.Throws<FormatException>(() => HdrEncoding.FromBase64("not base64!"));
    }
}
