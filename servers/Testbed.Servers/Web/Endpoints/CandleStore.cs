using Testbed.Servers.Data;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// The data behind /parquet/* and /candle/*. Created before the server listens: it makes sure both
/// files exist (generating them once, with one line on stderr) and decodes the small E7 file for
/// <c>/parquet/cached</c>. The full candle table of /candle (≈ 1 s of CPU and 180 MB) is decoded on
/// first use, so that the servers of the other experiments never pay for it.
/// </summary>
internal sealed class CandleStore
{
    private readonly Lazy<CandleTable> _candles;

    public CandleStore(WebServerOptions options)
    {
        var directory = Path.GetFullPath(options.DataDirectory);
        var candlePath = Path.Combine(directory, CandleDataSet.FileName);
        if (!File.Exists(candlePath))
        {
            Console.Error.WriteLine($"testbed-server: generating the candle data set in {directory} (first start, a few seconds)");
        }

        CandlePath = CandleDataSet.EnsureGeneratedAsync(directory).GetAwaiter().GetResult();
        E7Path = E7CandleFile.Ensure(directory, CandlePath, Console.Error.WriteLine);
        E7Cached = CandleTable.Load(E7Path);
        _candles = new Lazy<CandleTable>(() => CandleTable.Load(CandlePath), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The full candle file (/candle).</summary>
    public string CandlePath { get; }

    /// <summary>The small file that /parquet/local reads and decodes on every request.</summary>
    public string E7Path { get; }

    /// <summary>The small file decoded once at start-up (/parquet/cached).</summary>
    public CandleTable E7Cached { get; }

    /// <summary>The full candle table, decoded once on first use.</summary>
    public CandleTable Candles => _candles.Value;
}
