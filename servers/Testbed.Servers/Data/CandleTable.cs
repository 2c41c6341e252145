using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Data;

/// <summary>
/// The candle file decoded into columns, with an index by (exchange, market, asset). Immutable
/// after loading, so one instance can serve concurrent requests (/parquet/cached); loading it per
/// request is /parquet/local. Series are contiguous and time-ordered, so the last N candles of a
/// series are a slice: <c>table.Last(series, n)</c>.
/// </summary>
internal sealed class CandleTable
{
    private readonly Dictionary<(string Exchange, string Market, string Asset), CandleSeries> _index;

    private CandleTable(long[] baseTm, double[] o, double[] h, double[] l, double[] c, double[] v, List<CandleSeries> series)
    {
        BaseTm = baseTm;
        Open = o;
        High = h;
        Low = l;
        Close = c;
        Volume = v;
        Series = series;
        _index = series.ToDictionary(s => (s.Exchange, s.Market, s.Asset));
    }

    /// <summary>Candle start times, epoch milliseconds (UTC).</summary>
    public long[] BaseTm { get; }
    public double[] Open { get; }
    public double[] High { get; }
    public double[] Low { get; }
    public double[] Close { get; }
    public double[] Volume { get; }

    /// <summary>Every series in file order.</summary>
    public IReadOnlyList<CandleSeries> Series { get; }

    public int RowCount => BaseTm.Length;

    /// <summary>Reads and decodes a candle file; a damaged one is a <see cref="ParquetFileException"/> naming it.</summary>
    public static CandleTable Load(string path) => Load(File.ReadAllBytes(path), path);

    /// <summary>Decodes a candle file already in memory; <paramref name="name"/> is what errors call it.</summary>
    public static CandleTable Load(byte[] file, string name)
    {
        var data = CandleParquet.Read(file, name);
        var series = BuildIndex(data.Exchange!, data.Market!, data.Asset!, data.BaseTm, name);
        return new CandleTable(data.BaseTm, data.Prices[0], data.Prices[1], data.Prices[2], data.Prices[3], data.Prices[4], series);
    }

    public bool TryGetSeries(string exchange, string market, string asset, out CandleSeries series) =>
        _index.TryGetValue((exchange, market, asset), out series);

    /// <summary>The last <paramref name="n"/> 1-minute candles of a series (fewer if it is shorter): a row range.</summary>
    public Range Last(CandleSeries series, int n)
    {
        var count = Math.Clamp(n, 0, series.Count);
        var end = series.Start + series.Count;
        return (end - count)..end;
    }

    private static List<CandleSeries> BuildIndex(string[] exchange, string[] market, string[] asset, long[] baseTm, string name)
    {
        var series = new List<CandleSeries>();
        var seen = new HashSet<(string, string, string)>();
        var start = 0;
        for (var i = 1; i <= exchange.Length; i++)
        {
            if (i < exchange.Length && exchange[i] == exchange[start] && market[i] == market[start] && asset[i] == asset[start])
            {
                if (baseTm[i] <= baseTm[i - 1])
                {
                    throw new ParquetFileException(name, CandleColumns.BaseTm, $"row {i} is not after the previous candle of its series");
                }

                continue;
            }

            if (!seen.Add((exchange[start], market[start], asset[start])))
            {
                throw new ParquetFileException(name, CandleColumns.Asset, $"series {exchange[start]}/{market[start]}/{asset[start]} is not contiguous");
            }

            series.Add(new CandleSeries(exchange[start], market[start], asset[start], start, i - start));
            start = i;
        }

        return series;
    }
}
