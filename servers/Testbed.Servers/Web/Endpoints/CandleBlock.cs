using Testbed.Servers.Data;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>Candles of one answer in time order, as columns (1-minute rows or aggregated buckets).</summary>
internal sealed record CandleBlock(long[] BaseTm, double[] Open, double[] High, double[] Low, double[] Close, double[] Volume)
{
    public int Count => BaseTm.Length;

    /// <summary>A copy of a row range of a table.</summary>
    public static CandleBlock Slice(CandleTable table, Range rows)
    {
        var (offset, count) = rows.GetOffsetAndLength(table.RowCount);
        return new CandleBlock(
            table.BaseTm.AsSpan(offset, count).ToArray(),
            table.Open.AsSpan(offset, count).ToArray(),
            table.High.AsSpan(offset, count).ToArray(),
            table.Low.AsSpan(offset, count).ToArray(),
            table.Close.AsSpan(offset, count).ToArray(),
            table.Volume.AsSpan(offset, count).ToArray());
    }
}
