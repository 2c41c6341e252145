using System.Buffers;
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
        var optional = OptionalColumns(reader, name);
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
        var strings = new[] { (Exchange, data.Exchange), (Market, data.Market), (Asset, data.Asset) };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var start = 0;
        foreach (var group in reader.RowGroups)
        {
            var count = (int)group.RowCount;
            foreach (var (field, values) in strings)
            {
                await ReadStrings(group, optional.GetValueOrDefault(field.Name) ?? field, values.AsMemory(start, count), seen, name);
            }

            await ReadValues(group, BaseTmRaw, optional.ContainsKey(BaseTmRaw.Name), data.BaseTm.AsMemory(start, count), name);
            for (var p = 0; p < Prices.Length; p++)
            {
                await ReadValues(group, Prices[p], optional.ContainsKey(Prices[p].Name), data.Prices[p].AsMemory(start, count), name);
            }

            start += count;
        }

        return data;
    }

    /// <summary>
    /// Checks that every candle column exists and is flat; returns the file's fields of those declared
    /// optional. DuckDB, for one, writes even NOT NULL columns optional: they are read through a
    /// nullable buffer and refused only if a null is really there.
    /// </summary>
    private static Dictionary<string, DataField> OptionalColumns(ParquetReader reader, string name)
    {
        var fields = reader.Schema.GetDataFields();
        var optional = new Dictionary<string, DataField>();
        foreach (var expected in Schema.GetDataFields())
        {
            var found = fields.FirstOrDefault(f => f.Name == expected.Name)
                ?? throw new ParquetFileException(name, expected.Name, "missing: not a candle file");
            if (found.IsArray || found.Path.Length > 1)
            {
                throw new ParquetFileException(name, expected.Name, "must be a flat, non-repeated column");
            }

            if (found.IsNullable)
            {
                optional[found.Name] = found;
            }
        }

        return optional;
    }

    /// <summary>Reads a value column straight into <paramref name="target"/>, or through a nullable buffer when the file declares it optional.</summary>
    private static async ValueTask ReadValues<T>(ParquetRowGroupReader group, DataField field, bool optional, Memory<T> target, string name)
        where T : struct
    {
        if (!optional)
        {
            await ParquetGuard.Run(name, field.Name, () => group.ReadAsync(field, target));
            return;
        }

        var nullable = new DataField<T?>(field.Name);
        _ = new ParquetSchema(nullable);
        var buffer = new T?[target.Length];
        await ParquetGuard.Run(name, field.Name, () => group.ReadAsync(nullable, buffer.AsMemory()));
        var span = target.Span;
        for (var i = 0; i < buffer.Length; i++)
        {
            span[i] = buffer[i] ?? throw new ParquetFileException(name, field.Name, $"null value at row {i} of a row group");
        }
    }

    /// <summary>
    /// Reads a string column as character slices and turns each distinct value into one string
    /// instance: a file of 2.5 M rows holds a few dozen distinct keys, and Parquet.Net's string
    /// overload would allocate a string per row.
    /// </summary>
    private static async ValueTask ReadStrings(ParquetRowGroupReader group, DataField field, Memory<string?> target, HashSet<string> seen, string name)
    {
        var count = target.Length;
        var raw = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(count);
        var levels = field.IsNullable ? ArrayPool<int>.Shared.Rent(count) : null;
        try
        {
            // Not a conditional expression: null would convert to an empty Memory<int> through int[].
            Memory<int>? definitions = null;
            if (levels is not null)
            {
                definitions = levels.AsMemory(0, count);
            }

            await ParquetGuard.Run(name, field.Name, () => group.ReadRawAsync(field, raw.AsMemory(0, count), definitions, null));
            if (levels is not null && levels.AsSpan(0, count).ContainsAnyExcept(field.MaxDefinitionLevel))
            {
                throw new ParquetFileException(name, field.Name, "null value in a candle column");
            }

            var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
            var span = target.Span;
            string? last = null;
            for (var i = 0; i < count; i++)
            {
                var value = raw[i].Span;
                if (last is null || !value.SequenceEqual(last))
                {
                    if (!lookup.TryGetValue(value, out last))
                    {
                        last = value.ToString();
                        seen.Add(last);
                    }
                }

                span[i] = last;
            }
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(raw, clearArray: true);
            if (levels is not null)
            {
                ArrayPool<int>.Shared.Return(levels);
            }
        }
    }
}
