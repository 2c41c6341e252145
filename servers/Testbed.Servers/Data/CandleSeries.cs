namespace Testbed.Servers.Data;

/// <summary>One (exchange, market, asset) series: rows [Start, Start + Count) of a <see cref="CandleTable"/>, in time order.</summary>
internal readonly record struct CandleSeries(string Exchange, string Market, string Asset, int Start, int Count);
