namespace Testbed.Servers.Data;

/// <summary>
/// The exchanges, quote markets and assets of the candle data set, with a starting price in USD
/// per asset (late-2023 levels) so that the walks look plausible in every quote currency.
/// </summary>
internal static class CandleUniverse
{
    public static readonly (string Exchange, string[] Markets, double Premium)[] Exchanges =
    [
        ("upbit", ["KRW", "BTC", "USDT"], 1.005),
        ("binance", ["USDT", "BTC"], 1.0),
        ("bithumb", ["KRW"], 1.006),
    ];

    public static readonly (string Asset, double UsdPrice)[] Assets =
    [
        ("BTC", 42000), ("ETH", 2300), ("XRP", 0.62), ("SOL", 100), ("ADA", 0.6),
        ("DOGE", 0.09), ("DOT", 8), ("LINK", 15), ("AVAX", 38), ("TRX", 0.11),
    ];

    /// <summary>USD value of one unit of a quote currency.</summary>
    public static double QuoteUsd(string market) => market switch
    {
        "KRW" => 1.0 / 1300,
        "USDT" => 1.0,
        "BTC" => 42000,
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "unknown market"),
    };

    /// <summary>Every (exchange, market, asset) series in file order; an asset is not quoted in itself.</summary>
    public static IEnumerable<(string Exchange, string Market, string Asset, double StartPrice)> Series()
    {
        foreach (var (exchange, markets, premium) in Exchanges)
        {
            foreach (var market in markets)
            {
                foreach (var (asset, usd) in Assets)
                {
                    if (asset != market)
                    {
                        yield return (exchange, market, asset, usd / QuoteUsd(market) * premium);
                    }
                }
            }
        }
    }
}
