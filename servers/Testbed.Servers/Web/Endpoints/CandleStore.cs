using Testbed.Servers.Data;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// The data behind /parquet/* and /candle/*. Created before the server listens: it makes sure both
/// files exist (generating them once, with one line on stderr) and decodes the small extract file for
/// <c>/parquet/cached</c>. The full candle table of /candle (≈ 1 s of CPU and 180 MB) is decoded on
/// first use, so that the servers of the other experiments never pay for it.
/// </summary>
internal sealed class CandleStore
{
    private readonly Lazy<CandleTable> _candles;

    public CandleStore(WebServerOptions options)
    {
        (CandlePath, ExtractPath) = EnsureFiles(options.DataDirectory);
        CachedExtract = CandleTable.Load(ExtractPath);
        _candles = new Lazy<CandleTable>(() => CandleTable.Load(CandlePath), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Makes sure the candle file and its extract exist in <paramref name="dataDirectory"/>,
    /// generating them (one line on stderr each) when missing; returns their full paths. Called by
    /// the command before any server or worker starts, so a supervisor generates once for all its
    /// workers and a failure is one line, not a host's stack trace.
    /// </summary>
    public static (string CandlePath, string ExtractPath) EnsureFiles(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        if (!File.Exists(Path.Combine(directory, CandleDataSet.FileName)))
        {
            Console.Error.WriteLine($"testbed-server: generating the candle data set in {directory} (first start, a few seconds)");
        }

        var candlePath = CandleDataSet.EnsureGeneratedAsync(directory).GetAwaiter().GetResult();
        return (candlePath, CandleExtractFile.Ensure(directory, candlePath, Console.Error.WriteLine));
    }

    /// <summary>The full candle file (/candle).</summary>
    public string CandlePath { get; }

    /// <summary>The small file that /parquet/local reads and decodes on every request.</summary>
    public string ExtractPath { get; }

    /// <summary>The small file decoded once at start-up (/parquet/cached).</summary>
    public CandleTable CachedExtract { get; }

    /// <summary>The full candle table, decoded once on first use.</summary>
    public CandleTable Candles => _candles.Value;
}
