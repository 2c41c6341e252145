using Parquet;
using Parquet.Schema;
using Testbed.Servers.Data;

namespace Testbed.Servers.ParquetAdapter;

/// <summary>
/// The candle file's schema over Parquet.Net, read as raw values: strings, timestamps as epoch
/// milliseconds through the column's physical INT64 (no DateTime per row, and it also reads the
/// DELTA_BINARY_PACKED timestamps other writers produce, which Parquet.Net 6.1 cannot decode as
/// DateTime), prices as doubles straight into the caller's arrays.
/// </summary>
internal static class CandleParquet
{
    public static readonly DataField<string> Exchange = new(CandleColumns.Exchange, false);
    public static readonly DataField<string> Market = new(CandleColumns.Market, false);
    public static readonly DataField<string> Asset = new(CandleColumns.Asset, false);

    /// <summary>What the file declares: TIMESTAMP(MILLIS, UTC), required.</summary>
    public static readonly DateTimeDataField BaseTm = new(CandleColumns.BaseTm, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: false);

    /// <summary>The same column as its physical INT64, which is how it is read.</summary>
    public static readonly DataField<long> BaseTmRaw = new(CandleColumns.BaseTm, false);

    // Parquet.Net reads only fields attached to a schema; this one exists to carry BaseTmRaw.
    private static readonly ParquetSchema RawTimeSchema = new(BaseTmRaw);

    public static readonly DataField<double>[] Prices =
    [
        new(CandleColumns.Open, false),
        new(CandleColumns.High, false),
        new(CandleColumns.Low, false),
        new(CandleColumns.Close, false),
        new(CandleColumns.Volume, false),
    ];

    public static readonly ParquetSchema Schema = new([Exchange, Market, Asset, BaseTm, .. Prices]);

    /// <summary>Decodes a whole candle file held in memory; failures name <paramref name="name"/> and the column.</summary>
    public static CandleColumnData Read(byte[] file, string name) =>
        ParquetGuard.Wait(ParquetGuard.Run(name, null, () => ReadAsync(file, name)));

    private static async ValueTask<CandleColumnData> ReadAsync(byte[] file, string name)
    {
        using var stream = new MemoryStream(file, writable: false);
        await using var reader = await ParquetGuard.Run(name, null, async () => await ParquetReader.CreateAsync(stream, leaveStreamOpen: true));
        CheckSchema(reader, name);
        var rows = 0L;
        foreach (var group in reader.RowGroups)
        {
            rows += group.RowCount;
        }

        if (rows > Array.MaxLength || rows != reader.Metadata?.NumRows)
        {
            throw new ParquetFileException(name, null, $"the row groups hold {rows} rows, the footer says {reader.Metadata?.NumRows}");
        }

        var data = new CandleColumnData((int)rows);
        var start = 0;
        foreach (var group in reader.RowGroups)
        {
            var count = (int)group.RowCount;
            await ReadStrings(group, Exchange, data.Exchange.AsMemory(start, count), name);
            await ReadStrings(group, Market, data.Market.AsMemory(start, count), name);
            await ReadStrings(group, Asset, data.Asset.AsMemory(start, count), name);
            await ParquetGuard.Run(name, BaseTmRaw.Name, () => group.ReadAsync(BaseTmRaw, data.BaseTm.AsMemory(start, count)));
            for (var p = 0; p < Prices.Length; p++)
            {
                var field = Prices[p];
                var target = data.Prices[p].AsMemory(start, count);
                await ParquetGuard.Run(name, field.Name, () => group.ReadAsync(field, target));
            }

            start += count;
        }

        return data;
    }

    private static void CheckSchema(ParquetReader reader, string name)
    {
        var fields = reader.Schema.GetDataFields();
        foreach (var expected in Schema.GetDataFields())
        {
            var found = fields.FirstOrDefault(f => f.Name == expected.Name);
            if (found is null)
            {
                throw new ParquetFileException(name, expected.Name, "missing: not a candle file");
            }

            if (found.IsArray || found.IsNullable)
            {
                throw new ParquetFileException(name, expected.Name, "must be a required, non-repeated column");
            }
        }
    }

    private static async ValueTask ReadStrings(ParquetRowGroupReader group, DataField field, Memory<string?> target, string name)
    {
        await ParquetGuard.Run(name, field.Name, () => group.ReadAsync(field, target));
        if (target.Span.Contains(null))
        {
            throw new ParquetFileException(name, field.Name, "null value in a required column");
        }
    }
}
