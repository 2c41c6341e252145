using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Data;

/// <summary>
/// Generates the candle file: per series a seeded geometric random walk of 1-minute candles,
/// prices rounded to five significant digits (h rounded up, l down, so h ≥ max(o, c) and
/// l ≤ min(o, c) hold after rounding), volume log-normal and ≥ 0. Rows are sorted by series
/// then time, so a series is one contiguous range.
/// </summary>
internal static class CandleGenerator
{
    /// <summary>Writes the data set to <paramref name="stream"/>; returns the row count.</summary>
    public static long Write(Stream stream, CandleGeneratorOptions options)
    {
        options.Validate();
        var minutes = options.Days * 1440;
        var series = CandleUniverse.Series().ToArray();
        var total = (long)series.Length * minutes;
        var startMs = new DateTimeOffset(options.End).ToUnixTimeMilliseconds() - minutes * 60_000L;
        using var writer = new CandleParquetWriter(stream, options.Compression);
        var buffer = new Buffer(options.RowGroupRows);
        for (var s = 0; s < series.Length; s++)
        {
            var (exchange, market, asset, startPrice) = series[s];
            var rnd = new Random(unchecked(options.Seed * 1_000_003 + s));
            // Five significant digits at the start price: KRW-BTC moves in 1,000 KRW ticks, BTC-XRP in 1e-9 BTC.
            var decimals = Math.Clamp(4 - (int)Math.Floor(Math.Log10(startPrice)), -10, 12);
            var price = Round(startPrice, decimals, MidpointRounding.ToEven);

            // Notional traded per minute ≈ $30k, in asset units.
            var usdPrice = startPrice * CandleUniverse.QuoteUsd(market);
            var baseVolume = 30_000 / usdPrice;
            const double sigma = 0.0008;
            for (var m = 0; m < minutes; m++)
            {
                var open = price;
                var r = sigma * Normal(rnd);
                var close = Round(open * Math.Exp(r), decimals, MidpointRounding.ToEven);
                var high = Round(Math.Max(open, close) * (1 + Math.Abs(Normal(rnd)) * sigma / 2), decimals, MidpointRounding.ToPositiveInfinity);
                var low = Round(Math.Min(open, close) * (1 - Math.Abs(Normal(rnd)) * sigma / 2), decimals, MidpointRounding.ToNegativeInfinity);
                var volume = Math.Round(baseVolume * Math.Exp(0.8 * Normal(rnd)) * (1 + Math.Abs(r) / sigma), 4);
                buffer.Add(exchange, market, asset, startMs + m * 60_000L, open, high, Math.Max(low, Math.Pow(10, -decimals)), close, volume);
                price = close;
                if (buffer.Count == options.RowGroupRows)
                {
                    buffer.Flush(writer);
                }
            }
        }

        buffer.Flush(writer);
        return total;
    }

    private static double Round(double value, int decimals, MidpointRounding mode)
    {
        // Directed rounding of the scaled value, then a decimal round trip so 806.01 prints as 806.01.
        var scale = Math.Pow(10, decimals);
        var scaled = value * scale;
        var rounded = mode switch
        {
            MidpointRounding.ToPositiveInfinity => Math.Ceiling(scaled - 1e-9),
            MidpointRounding.ToNegativeInfinity => Math.Floor(scaled + 1e-9),
            _ => Math.Round(scaled),
        };
        return decimals >= 0 ? Math.Round(rounded / scale, decimals) : rounded / scale;
    }

    private static double Normal(Random rnd)
    {
        // Box–Muller; 1 - NextDouble() avoids log(0).
        var u1 = 1.0 - rnd.NextDouble();
        var u2 = rnd.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private sealed class Buffer(int capacity)
    {
        private readonly string[] _exchange = new string[capacity];
        private readonly string[] _market = new string[capacity];
        private readonly string[] _asset = new string[capacity];
        private readonly long[] _basetm = new long[capacity];
        private readonly double[][] _prices = [new double[capacity], new double[capacity], new double[capacity], new double[capacity], new double[capacity]];

        public int Count { get; private set; }

        public void Add(string exchange, string market, string asset, long basetm, double o, double h, double l, double c, double v)
        {
            var i = Count++;
            _exchange[i] = exchange;
            _market[i] = market;
            _asset[i] = asset;
            _basetm[i] = basetm;
            _prices[0][i] = o;
            _prices[1][i] = h;
            _prices[2][i] = l;
            _prices[3][i] = c;
            _prices[4][i] = v;
        }

        public void Flush(CandleParquetWriter writer)
        {
            if (Count == 0)
            {
                return;
            }

            writer.WriteRowGroup(_exchange, _market, _asset, _basetm, _prices, Count);
            Count = 0;
        }
    }
}
