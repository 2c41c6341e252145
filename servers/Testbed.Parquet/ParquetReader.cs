using System.Buffers.Binary;
using Testbed.Parquet.Format;
using Testbed.Parquet.Reading;

namespace Testbed.Parquet;

/// <summary>
/// Reads a Parquet file held in memory: its schema, row groups and columns (flat schemas).
/// Every method throws <see cref="ParquetException"/> for a corrupt file or an unsupported feature.
/// </summary>
public sealed class ParquetReader : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private readonly byte[] _file;
    private readonly long _dataEnd;
    private readonly FileMetaData _meta;
    private readonly List<ColumnDescriptor> _columns;
    private readonly AllocationBudget _budget;

    private ParquetReader(byte[] file, ParquetReadOptions? options)
    {
        _file = file;
        _budget = new AllocationBudget((options ?? new ParquetReadOptions()).LimitFor(file.Length));
        if (file.Length < 12)
        {
            throw new ParquetException($"not a Parquet file: {file.Length} bytes is shorter than the 12-byte minimum");
        }

        if (!file.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new ParquetException("not a Parquet file: bad magic at the start (expected PAR1)");
        }

        if (!file.AsSpan(file.Length - 4).SequenceEqual(Magic))
        {
            throw new ParquetException(file.AsSpan(file.Length - 4).SequenceEqual("PARE"u8)
                ? "encrypted Parquet files (PARE) are not supported"
                : "not a Parquet file or truncated: bad magic at the end (expected PAR1)");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(file.Length - 8));
        if (footerLength <= 0 || footerLength > file.Length - 12)
        {
            throw new ParquetException($"corrupt file: footer length {footerLength} does not fit in a file of {file.Length} bytes");
        }

        _dataEnd = file.Length - 8 - footerLength;
        _meta = MetadataReader.ReadFileMetaData(file.AsSpan((int)_dataEnd, footerLength));
        _columns = SchemaMapper.Leaves(_meta.Schema);
        if (_meta.NumRows < 0)
        {
            throw new ParquetException($"corrupt footer: negative row count {_meta.NumRows}");
        }

        long rows = 0;
        foreach (var rg in _meta.RowGroups)
        {
            if (rg.NumRows < 0 || rg.Columns.Count != _columns.Count)
            {
                throw new ParquetException($"corrupt footer: a row group has {rg.NumRows} rows and {rg.Columns.Count} columns (schema has {_columns.Count})");
            }

            rows += rg.NumRows;
            if (rows > int.MaxValue)
            {
                throw new ParquetException("files of more than 2^31 rows are not supported");
            }
        }

        Fields = _columns.Select(c => c.Field).ToArray();
        RowCount = rows;
    }

    /// <summary>The leaf columns in schema order.</summary>
    public IReadOnlyList<ParquetField> Fields { get; }

    /// <summary>Total rows over all row groups.</summary>
    public long RowCount { get; }

    public int RowGroupCount => _meta.RowGroups.Count;

    /// <summary>The writer's name from the footer, if any.</summary>
    public string? CreatedBy => _meta.CreatedBy;

    /// <summary>Size of the file in bytes.</summary>
    public long FileLength => _file.Length;

    /// <summary>Reads the whole file into memory and parses its footer.</summary>
    public static ParquetReader Open(string path, ParquetReadOptions? options = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new ParquetException($"cannot read '{path}': {e.Message}", e);
        }

        return new ParquetReader(bytes, options);
    }

    /// <summary>Reads a stream to its end into memory and parses its footer.</summary>
    public static ParquetReader Open(Stream stream, ParquetReadOptions? options = null)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new ParquetReader(copy.ToArray(), options);
    }

    /// <summary>Parses a file already in memory (the array is used, not copied).</summary>
    public static ParquetReader Open(byte[] file, ParquetReadOptions? options = null) => new(file, options);

    /// <summary>Index of a column by name; throws when absent.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            if (_columns[i].Path == name)
            {
                return i;
            }
        }

        throw new ParquetException($"no column '{name}' (columns: {string.Join(", ", _columns.Select(c => c.Path))})");
    }

    /// <summary>Row groups with their codecs, encodings and statistics.</summary>
    public IReadOnlyList<ParquetRowGroupInfo> RowGroups => _meta.RowGroups.Select(rg => new ParquetRowGroupInfo(
        rg.NumRows,
        rg.Columns.Select((c, i) => new ParquetColumnChunkInfo(
            CodecNames.Name(c.Codec),
            c.Encodings.Select(ParquetEncoding.Name).ToArray(),
            c.TotalCompressedSize,
            c.TotalUncompressedSize,
            Statistics(_columns[i], c.Statistics))).ToArray())).ToArray();

    /// <summary>
    /// Reads a column over all row groups. <typeparamref name="T"/> is the field's
    /// <see cref="ParquetField.ClrType"/> or its physical CLR type (int, long, byte[], ...), made
    /// nullable (int?, DateTime?) for optional columns with nulls; strings and byte arrays hold null.
    /// </summary>
    public T[] ReadColumn<T>(string name) => ReadColumn<T>(IndexOf(name));

    /// <inheritdoc cref="ReadColumn{T}(string)"/>
    public T[] ReadColumn<T>(int column) => ValueConverter.Convert<T>(Decode(column, null));

    /// <summary>Reads one row group of a column.</summary>
    public T[] ReadColumn<T>(int column, int rowGroup) => ValueConverter.Convert<T>(Decode(column, rowGroup));

    /// <summary>Reads a column as boxed natural values, null for nulls (for printing).</summary>
    public object?[] ReadColumnValues(int column) => ValueConverter.Boxed(Decode(column, null));

    public void Dispose()
    {
        // The file lives in a managed array: nothing to release. IDisposable keeps the API
        // shaped like stream-backed readers (Parquet.Net's) so callers can switch.
    }

    private PhysicalValues Decode(int column, int? rowGroup)
    {
        if ((uint)column >= (uint)_columns.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"the file has {_columns.Count} columns");
        }

        var c = _columns[column];
        if (c.Field.Unsupported is { } why)
        {
            throw new ParquetException(why);
        }

        if (rowGroup is { } g && (uint)g >= (uint)_meta.RowGroups.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(rowGroup), $"the file has {_meta.RowGroups.Count} row groups");
        }

        var groups = rowGroup is { } one ? [_meta.RowGroups[one]] : _meta.RowGroups;
        var rows = groups.Sum(rg => rg.NumRows);
        var values = new PhysicalValues(c, rows, _budget);
        var reader = new ColumnChunkReader(_file, _dataEnd, c, values);
        foreach (var rg in groups)
        {
            reader.Read(rg, rg.Columns[column]);
        }

        return values;
    }

    private ParquetColumnStatistics? Statistics(ColumnDescriptor column, StatisticsData? s)
    {
        if (s is null || column.Field.Unsupported is not null)
        {
            return null;
        }

        // min_value/max_value follow the column's sort order; the legacy min/max are signed and
        // wrong for strings and unsigned types, so use them only for signed numbers.
        var legacyOk = column.Field.Type is not (ParquetType.String or ParquetType.Binary or ParquetType.FixedLenBinary
            or ParquetType.UInt8 or ParquetType.UInt16 or ParquetType.UInt32 or ParquetType.UInt64 or ParquetType.Decimal or ParquetType.Int96);
        var min = s.MinValue ?? (legacyOk ? s.Min : null);
        var max = s.MaxValue ?? (legacyOk ? s.Max : null);
        return new ParquetColumnStatistics(StatValue(column, min), StatValue(column, max), s.NullCount, s.DistinctCount);
    }

    private object? StatValue(ColumnDescriptor column, byte[]? plain)
    {
        if (plain is null)
        {
            return null;
        }

        try
        {
            var c = column with { MaxDefinitionLevel = 0 };
            var values = new PhysicalValues(c, 1, _budget);
            if (c.Physical == ParquetPhysicalType.ByteArray)
            {
                values.Bytes = new ByteArrayList(_budget, 1);
                values.Bytes.Add(plain);
            }
            else
            {
                var width = c.Physical switch
                {
                    ParquetPhysicalType.Boolean => 1,
                    ParquetPhysicalType.Int32 or ParquetPhysicalType.Float => 4,
                    ParquetPhysicalType.Int64 or ParquetPhysicalType.Double => 8,
                    _ => c.FixedWidth,
                };
                if (plain.Length != width)
                {
                    return null;
                }

                switch (c.Physical)
                {
                    case ParquetPhysicalType.Boolean: values.Bools![0] = plain[0] != 0; break;
                    case ParquetPhysicalType.Int32: values.Ints![0] = BinaryPrimitives.ReadInt32LittleEndian(plain); break;
                    case ParquetPhysicalType.Int64: values.Longs![0] = BinaryPrimitives.ReadInt64LittleEndian(plain); break;
                    case ParquetPhysicalType.Float: values.Floats![0] = BinaryPrimitives.ReadSingleLittleEndian(plain); break;
                    case ParquetPhysicalType.Double: values.Doubles![0] = BinaryPrimitives.ReadDoubleLittleEndian(plain); break;
                    default: plain.CopyTo(values.Fixed!, 0); break;
                }
            }

            values.RowCount = 1;
            values.ValueCount = 1;
            return ValueConverter.Boxed(values)[0];
        }
        catch (ParquetException)
        {
            return null;
        }
    }
}
