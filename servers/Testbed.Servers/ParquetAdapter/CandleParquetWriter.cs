using Parquet;

namespace Testbed.Servers.ParquetAdapter;

/// <summary>
/// Writes candle files: one row group per call, strings dictionary-encoded (Parquet.Net does so only
/// when asked), the rest as <see cref="EncodingHints"/> says. Synchronous because its callers (the
/// generator, the extract written at start-up, the CLI) are; it never runs on a request path.
/// </summary>
internal sealed class CandleParquetWriter : IDisposable
{
    private readonly ParquetWriter _writer;

    public CandleParquetWriter(Stream stream, CompressionMethod compression)
    {
        var options = new ParquetOptions { CompressionMethod = compression };
        foreach (var (column, hint) in EncodingHints)
        {
            options.ColumnEncodingHints[column] = hint;
        }

        _writer = ParquetWriter.CreateAsync(CandleParquet.Schema, stream, options).GetAwaiter().GetResult();
    }

    /// <summary>
    /// The series keys repeat for thousands of rows, so a dictionary makes them a few bits each.
    /// Parquet.Net 6.1 has no other hint that pays here: it dictionary-encodes only strings, applies
    /// DELTA_BINARY_PACKED only to integer-typed fields (not to a TIMESTAMP column written from
    /// DateTime), and BYTE_STREAM_SPLIT made the snappy-compressed prices 25% larger when measured.
    /// </summary>
    public static IReadOnlyList<(string Column, EncodingHint Hint)> EncodingHints { get; } =
    [
        (CandleParquet.Exchange.Name, EncodingHint.Dictionary),
        (CandleParquet.Market.Name, EncodingHint.Dictionary),
        (CandleParquet.Asset.Name, EncodingHint.Dictionary),
    ];

    /// <summary>Writes the first <c>count</c> rows of the columns as one row group.</summary>
    public void WriteRowGroup(string[] exchange, string[] market, string[] asset, long[] baseTm, double[][] prices, int count)
    {
        using var group = _writer.CreateRowGroup();
        group.WriteAsync(CandleParquet.Exchange, new ArraySegment<string>(exchange, 0, count)).GetAwaiter().GetResult();
        group.WriteAsync(CandleParquet.Market, new ArraySegment<string>(market, 0, count)).GetAwaiter().GetResult();
        group.WriteAsync(CandleParquet.Asset, new ArraySegment<string>(asset, 0, count)).GetAwaiter().GetResult();
        var times = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            times[i] = DateTime.UnixEpoch.AddMilliseconds(baseTm[i]);
        }

        group.WriteAsync<DateTime>(CandleParquet.BaseTm, times).GetAwaiter().GetResult();
        for (var p = 0; p < CandleParquet.Prices.Length; p++)
        {
            group.WriteAsync<double>(CandleParquet.Prices[p], prices[p].AsMemory(0, count)).GetAwaiter().GetResult();
        }

        group.CompleteValidate();
    }

    public void Dispose() => _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
