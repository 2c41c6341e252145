namespace Testbed.Servers.Web.Endpoints;

/// <summary>The <c>interval=</c> values of /candle and their length in minutes (coarser ones aggregate 1-minute candles).</summary>
internal static class CandleIntervals
{
    public const string Default = "1m";

    public static readonly IReadOnlyDictionary<string, int> Minutes = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["1m"] = 1,
        ["5m"] = 5,
        ["15m"] = 15,
        ["1h"] = 60,
        ["4h"] = 240,
        ["1d"] = 1440,
    };

    public static readonly string[] All = [.. Minutes.Keys];
}
