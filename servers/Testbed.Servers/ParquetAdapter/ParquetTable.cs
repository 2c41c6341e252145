using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace Testbed.Servers.ParquetAdapter;

/// <summary>
/// Any flat Parquet file as boxed values, for <c>data cat</c>: its columns described and its first
/// rows read. Columns whose physical type is an integer but whose logical type is a timestamp, date,
/// small integer or decimal are read through the physical type and converted here, because
/// Parquet.Net 6.1 cannot decode those logical types from DELTA_BINARY_PACKED pages (upstream #778),
/// which DuckDB writes in v2 files. Every failure is a <see cref="ParquetFileException"/>.
/// </summary>
internal sealed class ParquetTable
{
    private ParquetTable(long rowCount, int rowGroupCount, string? createdBy, IReadOnlyList<ParquetColumnInfo> columns, object?[][] values)
    {
        RowCount = rowCount;
        RowGroupCount = rowGroupCount;
        CreatedBy = createdBy;
        Columns = columns;
        Values = values;
    }

    public long RowCount { get; }

    public int RowGroupCount { get; }

    public string? CreatedBy { get; }

    public IReadOnlyList<ParquetColumnInfo> Columns { get; }

    /// <summary>Per column, the first rows read (null where the value is null or the column is unsupported).</summary>
    public object?[][] Values { get; }

    /// <summary>Reads the file's description and its first <paramref name="maxRows"/> rows.</summary>
    public static ParquetTable Read(string path, int maxRows) => Read(File.ReadAllBytes(path), path, maxRows);

    /// <summary>The same for a file already in memory; <paramref name="path"/> is what errors call it.</summary>
    public static ParquetTable Read(byte[] file, string path, int maxRows) =>
        ParquetGuard.Wait(ParquetGuard.Run(path, null, () => ReadAsync(file, path, maxRows)));

    private static async ValueTask<ParquetTable> ReadAsync(byte[] bytes, string path, int maxRows)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        await using var reader = await ParquetGuard.Run(path, null, async () => await ParquetReader.CreateAsync(stream, leaveStreamOpen: true));
        var fields = reader.Schema.GetDataFields();
        var elements = fields.Select(f => f.SchemaElement ?? throw new ParquetFileException(path, f.Name, "no schema element")).ToArray();
        var first = reader.RowGroupCount > 0 ? reader.RowGroups[0].RowGroup.Columns : null;
        var columns = fields.Select((f, c) => Describe(f, elements[c], first?.ElementAtOrDefault(c)?.MetaData)).ToArray();
        var rowCount = reader.Metadata?.NumRows ?? 0;
        var rows = (int)Math.Clamp(rowCount, 0, maxRows);
        var values = new object?[fields.Length][];
        for (var c = 0; c < fields.Length; c++)
        {
            values[c] = new object?[rows];
            if (columns[c].Unsupported is null)
            {
                await ReadColumn(reader, fields[c], elements[c], values[c], path);
            }
        }

        return new ParquetTable(rowCount, reader.RowGroupCount, reader.Metadata?.CreatedBy, columns, values);
    }

    private static async ValueTask ReadColumn(ParquetReader reader, DataField field, SchemaElement element, object?[] target, string path)
    {
        var done = 0;
        foreach (var group in reader.RowGroups)
        {
            if (done == target.Length)
            {
                break;
            }

            var count = checked((int)group.RowCount);
            var values = await ParquetGuard.Run(path, field.Name, () => ParquetValues.ReadAsync(group, field, element, count));
            var take = Math.Min(values.Length, target.Length - done);
            Array.Copy(values, 0, target, done, take);
            done += take;
        }

        if (done < target.Length)
        {
            throw new ParquetFileException(path, field.Name, $"row groups hold {done} values, the footer declares {target.Length} or more");
        }
    }

    private static ParquetColumnInfo Describe(DataField field, SchemaElement e, ColumnMetaData? chunk)
    {
        var nested = field.Path.Length > 1 || field.IsArray ? "nested" : null;
        return new ParquetColumnInfo(
            field.Name,
            ParquetValues.LogicalName(e),
            ParquetValues.PhysicalName(e),
            field.IsNullable,
            chunk?.Codec.ToString(),
            chunk?.Encodings?.Select(x => x.ToString()).ToArray() ?? [],
            nested);
    }
}
