namespace Testbed.Servers.Data;

/// <summary>Column names of the candle file, used identically by the generator, the reader and the endpoints.</summary>
internal static class CandleColumns
{
    public const string Exchange = "exchange";
    public const string Market = "market";
    public const string Asset = "asset";

    /// <summary>Start of the 1-minute candle, epoch milliseconds (TIMESTAMP(MILLIS, UTC)).</summary>
    public const string BaseTm = "basetm";
    public const string Open = "o";
    public const string High = "h";
    public const string Low = "l";
    public const string Close = "c";
    public const string Volume = "v";
}
