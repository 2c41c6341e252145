using Parquet;
using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>A candle file of two series in two row groups (a few KB): small enough to damage thousands of times.</summary>
internal static class SmallCandleFile
{
    public const int RowsPerSeries = 120;

    public static byte[] Create(CompressionMethod compression = CompressionMethod.Snappy)
    {
        using var stream = new MemoryStream();
        using (var writer = new CandleParquetWriter(stream, compression))
        {
            foreach (var (asset, price) in new[] { ("BTC", 55_000_000.0), ("ETH", 3_000_000.0) })
            {
                var n = RowsPerSeries;
                var time = Enumerable.Range(0, n).Select(i => 1_700_000_000_000L + i * 60_000L).ToArray();
                var prices = Enumerable.Range(0, 5).Select(p => Enumerable.Range(0, n).Select(i => price + p * 1000 + i).ToArray()).ToArray();
                writer.WriteRowGroup(Enumerable.Repeat("upbit", n).ToArray(), Enumerable.Repeat("KRW", n).ToArray(), Enumerable.Repeat(asset, n).ToArray(), time, prices, n);
            }
        }

        return stream.ToArray();
    }
}
