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
    /// The series keys repeat for thousands of rows, so a dictionary makes them a few bits each; the
    /// minutes of a series differ by a constant, so DELTA_BINARY_PACKED stores basetm in 16 KB where
    /// PLAIN took 14.8 MB under snappy (Parquet.Net applies it only to values written as integers,
    /// hence the long write in WriteRowGroup). Nothing pays for the prices: Parquet.Net 6.1
    /// dictionary-encodes only strings, and BYTE_STREAM_SPLIT made them 25% larger under snappy.
    /// </summary>
    public static IReadOnlyList<(string Column, EncodingHint Hint)> EncodingHints { get; } =
    [
        (CandleParquet.Exchange.Name, EncodingHint.Dictionary),
        (CandleParquet.Market.Name, EncodingHint.Dictionary),
        (CandleParquet.Asset.Name, EncodingHint.Dictionary),
        (CandleParquet.BaseTm.Name, EncodingHint.DeltaBinaryPacked),
    ];

    /// <summary>Writes the first <c>count</c> rows of the columns as one row group.</summary>
    public void WriteRowGroup(string[] exchange, string[] market, string[] asset, long[] baseTm, double[][] prices, int count)
    {
        using var group = _writer.CreateRowGroup();
        group.WriteAsync(CandleParquet.Exchange, new ArraySegment<string>(exchange, 0, count)).GetAwaiter().GetResult();
        group.WriteAsync(CandleParquet.Market, new ArraySegment<string>(market, 0, count)).GetAwaiter().GetResult();
        group.WriteAsync(CandleParquet.Asset, new ArraySegment<string>(asset, 0, count)).GetAwaiter().GetResult();
        // The file's column is the TIMESTAMP(MILLIS, UTC) of CandleParquet.Schema; Parquet.Net takes the
        // column's schema element from the writer's schema and matches the field by name only, so the
        // epoch milliseconds go in as long, which is what lets the DELTA_BINARY_PACKED hint apply.
        group.WriteAsync<long>(CandleParquet.BaseTmRaw, baseTm.AsMemory(0, count)).GetAwaiter().GetResult();
        for (var p = 0; p < CandleParquet.Prices.Length; p++)
        {
            group.WriteAsync<double>(CandleParquet.Prices[p], prices[p].AsMemory(0, count)).GetAwaiter().GetResult();
        }

        group.CompleteValidate();
    }

    public void Dispose() => _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
