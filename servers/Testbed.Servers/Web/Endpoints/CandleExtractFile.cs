using Parquet;
using Testbed.Servers.Data;
using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// The small Parquet file behind <c>/parquet/local</c> and <c>/parquet/cached</c>: one market
/// of the candle file over its last days, a real snappy Parquet file of about a megabyte. The full
/// candle file would cost about a second of CPU and 180 MB to decode per request, turning the local-vs-cached comparison into a
/// CPU experiment; this extract keeps its point (per-request I/O and decode vs a decoded copy).
/// </summary>
internal static class CandleExtractFile
{
    public const string FileName = "candles-extract.parquet";
    public const string Exchange = "upbit";
    public const string Market = "KRW";

    /// <summary>Days of 1-minute candles kept per series (10 assets × 3 × 1440 = 43,200 rows).</summary>
    public const int Days = 3;

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Returns the file's path, extracting it from <paramref name="candleFile"/> first when it is missing.</summary>
    public static string Ensure(string directory, string candleFile, Action<string> log)
    {
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            return path;
        }

        Gate.Wait();
        try
        {
            if (!File.Exists(path))
            {
                var rows = Write(CandleTable.Load(candleFile), path);
                log($"testbed-server: wrote {path} ({rows} rows, {new FileInfo(path).Length / 1024} KiB, {Exchange}/{Market}, last {Days} days of {candleFile})");
            }
        }
        finally
        {
            Gate.Release();
        }

        return path;
    }

    /// <summary>Writes the extract through a temporary file renamed into place, so that readers never see half a file.</summary>
    public static int Write(CandleTable table, string path)
    {
        var series = table.Series.Where(s => s.Exchange == Exchange && s.Market == Market).ToArray();
        if (series.Length == 0)
        {
            throw new InvalidDataException($"the candle file has no {Exchange}/{Market} series");
        }

        var temp = path + "." + Environment.ProcessId + ".tmp";
        var rows = 0;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new CandleParquetWriter(stream, CompressionMethod.Snappy))
            {
                // One row group per series: the reader decodes every group on each request anyway.
                foreach (var s in series)
                {
                    var block = CandleBlock.Slice(table, table.Last(s, Days * 1440));
                    var count = block.Count;
                    writer.WriteRowGroup(
                        Enumerable.Repeat(s.Exchange, count).ToArray(),
                        Enumerable.Repeat(s.Market, count).ToArray(),
                        Enumerable.Repeat(s.Asset, count).ToArray(),
                        block.BaseTm,
                        [block.Open, block.High, block.Low, block.Close, block.Volume],
                        count);
                    rows += count;
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return rows;
    }
}
