using System.Buffers.Binary;
using Testbed.Parquet.Format;
using Testbed.Parquet.Reading;
using Testbed.Parquet.Thrift;
using Testbed.Parquet.Writing;

namespace Testbed.Parquet;

/// <summary>
/// Writes a flat Parquet file: one <see cref="WriteRowGroup"/> call per row group, the footer on
/// <see cref="Dispose"/>. Pages are data page v1; values PLAIN or dictionary-encoded (see
/// <see cref="ParquetField.Dictionary"/>); statistics hold min, max and null count.
/// </summary>
public sealed class ParquetWriter : IDisposable
{
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly ParquetWriteOptions _options;
    private readonly ParquetField[] _fields;
    private readonly FileMetaData _meta = new();
    private readonly ThriftCompactWriter _thrift = new();
    private readonly ColumnChunkWriter _chunks;
    private bool _closed;

    public ParquetWriter(Stream output, IReadOnlyList<ParquetField> fields, ParquetWriteOptions? options = null, bool leaveOpen = false)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        _options = options ?? new ParquetWriteOptions();
        _options.Validate();
        if (fields.Count == 0)
        {
            throw new ArgumentException("a file needs at least one column", nameof(fields));
        }

        _fields = fields.Select(Normalize).ToArray();
        if (_fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != _fields.Length)
        {
            throw new ArgumentException("column names must be unique", nameof(fields));
        }

        _meta.Schema.Add(new SchemaElement { Name = "schema", NumChildren = _fields.Length });
        _meta.Schema.AddRange(_fields.Select(SchemaMapper.ToElement));
        _meta.CreatedBy = _options.CreatedBy;
        _output.Write("PAR1"u8);
        _chunks = new ColumnChunkWriter(_output, _options, _thrift) { Position = 4 };
    }

    /// <summary>Creates (or overwrites) a file.</summary>
    public static ParquetWriter Create(string path, IReadOnlyList<ParquetField> fields, ParquetWriteOptions? options = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), fields, options);

    /// <summary>The columns as written (physical types and decimal widths filled in).</summary>
    public IReadOnlyList<ParquetField> Fields => _fields;

    /// <summary>
    /// Writes one row group: one array per field, in order, all of the same length. Each array is
    /// the field's <see cref="ParquetField.ClrType"/>[] or its physical type's array (long[] for a
    /// timestamp, int[] for a date), with nullable element types (or null strings) for optional fields.
    /// </summary>
    public void WriteRowGroup(params Array[] columns)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (columns.Length != _fields.Length)
        {
            throw new ArgumentException($"{columns.Length} columns given, the schema has {_fields.Length}");
        }

        var rows = columns[0].Length;
        if (columns.Any(c => c.Length != rows))
        {
            throw new ArgumentException("all columns of a row group must have the same length");
        }

        var rowGroup = new RowGroupMetaData { NumRows = rows };
        for (var i = 0; i < _fields.Length; i++)
        {
            var (defs, values) = ColumnValueCollector.Collect(_fields[i], columns[i]);
            var chunk = _chunks.Write(_fields[i], defs, values, rows);
            rowGroup.Columns.Add(chunk);
            rowGroup.TotalByteSize += chunk.TotalUncompressedSize;
        }

        _meta.RowGroups.Add(rowGroup);
        _meta.NumRows += rows;
    }

    /// <summary>Writes the footer and closes the stream (unless leaveOpen).</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        MetadataWriter.WriteFileMetaData(_thrift, _meta);
        _output.Write(_thrift.WrittenSpan);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, _thrift.WrittenSpan.Length);
        "PAR1"u8.CopyTo(tail[4..]);
        _output.Write(tail);
        _output.Flush();
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    private static ParquetField Normalize(ParquetField f)
    {
        if (string.IsNullOrEmpty(f.Name))
        {
            throw new ArgumentException("a column needs a name");
        }

        if (f.Type == ParquetType.Decimal)
        {
            if (f.Precision is < 1 or > 28 || f.Scale < 0 || f.Scale > f.Precision)
            {
                throw new ArgumentException($"column '{f.Name}': DECIMAL({f.Precision}, {f.Scale}) needs precision 1..28 and 0 <= scale <= precision");
            }

            var physical = ParquetField.DefaultPhysicalType(f.Type, f.Precision);
            return f with { PhysicalType = physical, TypeLength = physical == ParquetPhysicalType.FixedLenByteArray ? 16 : 0 };
        }

        if (f.Type == ParquetType.FixedLenBinary && f.TypeLength < 1)
        {
            throw new ArgumentException($"column '{f.Name}': FixedLenBinary needs TypeLength >= 1");
        }

        return f with { PhysicalType = ParquetField.DefaultPhysicalType(f.Type, f.Precision) };
    }
}
