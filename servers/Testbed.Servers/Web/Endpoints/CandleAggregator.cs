using Testbed.Servers.Data;

namespace Testbed.Servers.Web.Endpoints;

/// <summary>
/// The last <c>limit</c> candles of a series at an interval: 1-minute rows grouped into buckets
/// aligned on the epoch (a bucket's basetm is its start), o = first open, h = max high, l = min low,
/// c = last close, v = sum of volumes. The oldest bucket may be partial when the series starts inside it.
/// </summary>
internal static class CandleAggregator
{
    public static CandleBlock Last(CandleTable table, CandleSeries series, int intervalMinutes, int limit)
    {
        var bucketMs = intervalMinutes * 60_000L;
        var baseTm = new long[limit];
        var open = new double[limit];
        var high = new double[limit];
        var low = new double[limit];
        var close = new double[limit];
        var volume = new double[limit];

        // Walk back from the newest row, filling buckets from the end of the arrays.
        var k = limit;
        var i = series.Start + series.Count - 1;
        while (i >= series.Start && k > 0)
        {
            var bucket = BucketStart(table.BaseTm[i], bucketMs);
            k--;
            baseTm[k] = bucket;
            close[k] = table.Close[i];
            var h = double.NegativeInfinity;
            var l = double.PositiveInfinity;
            var v = 0.0;
            var o = 0.0;
            for (; i >= series.Start && BucketStart(table.BaseTm[i], bucketMs) == bucket; i--)
            {
                h = Math.Max(h, table.High[i]);
                l = Math.Min(l, table.Low[i]);
                v += table.Volume[i];
                o = table.Open[i];
            }

            open[k] = o;
            high[k] = h;
            low[k] = l;
            volume[k] = v;
        }

        return k == 0
            ? new CandleBlock(baseTm, open, high, low, close, volume)
            : new CandleBlock(baseTm[k..], open[k..], high[k..], low[k..], close[k..], volume[k..]);
    }

    private static long BucketStart(long ms, long bucketMs) => ms - (((ms % bucketMs) + bucketMs) % bucketMs);
}
