using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Testbed.Parquet.Encodings;
using Testbed.Parquet.Format;

namespace Testbed.Parquet.Reading;

/// <summary>
/// Walks the pages of one column chunk and appends their values to a <see cref="PhysicalValues"/>.
/// Pages are visited strictly forward inside the chunk's byte range, so offsets cannot loop, and
/// every count is checked against the row group's row count before it is used.
/// </summary>
internal sealed class ColumnChunkReader
{
    private readonly byte[] _file;
    private readonly long _dataEnd;
    private readonly ColumnDescriptor _column;
    private readonly PhysicalValues _target;
    private readonly AllocationBudget _budget;

    // This row group's dictionary (one of these, by physical type).
    private Array? _dictionary;
    private ByteArrayList? _byteDictionary;
    private int _dictionaryCount = -1;
    private int _dictionaryBase = -1;

    public ColumnChunkReader(byte[] file, long dataEnd, ColumnDescriptor column, PhysicalValues target)
    {
        _file = file;
        _dataEnd = dataEnd;
        _column = column;
        _target = target;
        _budget = target.Budget;
    }

    private string Name => _column.Path;

    public void Read(RowGroupMetaData rowGroup, ColumnChunkMetaData chunk)
    {
        if (!chunk.HasMetaData)
        {
            throw new ParquetException($"column '{Name}': column chunk has no metadata (encrypted or external files are not supported)");
        }

        if (chunk.FilePath is not null)
        {
            throw new ParquetException($"column '{Name}': column chunk in an external file '{chunk.FilePath}' is not supported");
        }

        if (chunk.Type != (int)_column.Physical)
        {
            throw new ParquetException($"column '{Name}': chunk type {chunk.Type} differs from the schema's {(int)_column.Physical}");
        }

        if (chunk.NumValues != rowGroup.NumRows)
        {
            throw new ParquetException($"column '{Name}': chunk holds {chunk.NumValues} values but its row group has {rowGroup.NumRows} rows");
        }

        var start = chunk.DataPageOffset;
        if (chunk.DictionaryPageOffset is { } d && d >= 4 && d < start)
        {
            start = d;
        }

        var end = start + chunk.TotalCompressedSize;
        if (start < 4 || chunk.TotalCompressedSize <= 0 || end > _dataEnd || end < start)
        {
            throw new ParquetException($"column '{Name}': chunk range {start}+{chunk.TotalCompressedSize} lies outside the file's data");
        }

        var rows = rowGroup.NumRows;
        var rowsEnd = _target.RowCount + rows;
        if (rowsEnd > _target.Capacity)
        {
            throw new ParquetException($"column '{Name}': row groups hold more rows than the file declares");
        }

        _dictionary = null;
        _byteDictionary = null;
        _dictionaryCount = -1;
        _dictionaryBase = -1;
        var pos = start;
        while (_target.RowCount < rowsEnd)
        {
            if (pos >= end)
            {
                throw new ParquetException($"column '{Name}': pages end after {_target.RowCount - (rowsEnd - rows)} of {rows} values");
            }

            var header = MetadataReader.ReadPageHeader(_file.AsSpan((int)pos, (int)(end - pos)), out var headerLength);
            pos += headerLength;
            if (header.CompressedPageSize > end - pos)
            {
                throw new ParquetException($"column '{Name}': page of {header.CompressedPageSize} bytes runs past the end of its chunk");
            }

            var bodyOffset = (int)pos;
            pos += header.CompressedPageSize;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    ReadDictionaryPage(header, bodyOffset, chunk.Codec);
                    break;
                case PageType.DataPage:
                case PageType.DataPageV2:
                    if (!header.HasSubHeader)
                    {
                        throw new ParquetException($"column '{Name}': data page without its header");
                    }

                    if (header.NumValues < 0 || header.NumValues > rowsEnd - _target.RowCount)
                    {
                        throw new ParquetException($"column '{Name}': page holds {header.NumValues} values, more than the {rowsEnd - _target.RowCount} rows left");
                    }

                    if (header.Type == PageType.DataPage)
                    {
                        ReadDataPageV1(header, bodyOffset, chunk.Codec);
                    }
                    else
                    {
                        ReadDataPageV2(header, bodyOffset, chunk.Codec);
                    }

                    break;
                default:
                    // Index pages and unknown page types carry no values: skip them.
                    break;
            }
        }
    }

    private void ReadDictionaryPage(PageHeader header, int offset, int codec)
    {
        if (_dictionaryCount >= 0)
        {
            throw new ParquetException($"column '{Name}': second dictionary page in one column chunk");
        }

        if (!header.HasSubHeader || header.NumValues < 0)
        {
            throw new ParquetException($"column '{Name}': dictionary page with a missing or negative value count ({header.NumValues})");
        }

        if (header.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
        {
            throw new ParquetException($"column '{Name}': dictionary page encoding {ParquetEncoding.Name(header.Encoding)} is not supported");
        }

        var data = PageDecompressor.Decompress(codec, _file, offset, header.CompressedPageSize, header.UncompressedPageSize, Name, _budget);
        var n = header.NumValues;
        var physical = _column.Physical;
        if (physical == ParquetPhysicalType.ByteArray)
        {
            var list = new ByteArrayList(_budget, Math.Min(n, data.Length / 4 + 1));
            var consumed = PlainByteArrays(data, n, list);
            _ = consumed;
            _byteDictionary = list;
        }
        else if (physical == ParquetPhysicalType.Boolean)
        {
            var bools = new bool[CheckPlainCount(n, data.Length, 0)];
            PlainBooleans(data, bools);
            _dictionary = bools;
        }
        else
        {
            var width = PlainWidth();
            var count = CheckPlainCount(n, data.Length, width);
            _dictionary = physical switch
            {
                ParquetPhysicalType.Int32 => MemoryMarshal.Cast<byte, int>(data[..(count * 4)]).ToArray(),
                ParquetPhysicalType.Int64 => MemoryMarshal.Cast<byte, long>(data[..(count * 8)]).ToArray(),
                ParquetPhysicalType.Float => MemoryMarshal.Cast<byte, float>(data[..(count * 4)]).ToArray(),
                ParquetPhysicalType.Double => MemoryMarshal.Cast<byte, double>(data[..(count * 8)]).ToArray(),
                _ => data[..(count * width)].ToArray(),
            };
        }

        _dictionaryCount = n;
    }

    private int CheckPlainCount(int n, int bytes, int width)
    {
        var needed = width == 0 ? (n + 7L) / 8 : (long)n * width;
        if (needed > bytes)
        {
            throw new ParquetException($"column '{Name}': {n} PLAIN values need {needed} bytes, the page has {bytes}");
        }

        return n;
    }

    private int PlainWidth() => _column.Physical switch
    {
        ParquetPhysicalType.Int32 or ParquetPhysicalType.Float => 4,
        ParquetPhysicalType.Int64 or ParquetPhysicalType.Double => 8,
        ParquetPhysicalType.Int96 => 12,
        ParquetPhysicalType.FixedLenByteArray => _column.FixedWidth,
        _ => 0,
    };

    private void ReadDataPageV1(PageHeader header, int offset, int codec)
    {
        var data = PageDecompressor.Decompress(codec, _file, offset, header.CompressedPageSize, header.UncompressedPageSize, Name, _budget);
        var n = header.NumValues;
        var pos = 0;
        int present;
        if (_column.MaxDefinitionLevel > 0)
        {
            var defs = _target.Defs.AsSpan(_target.RowCount, n);
            if (header.DefinitionLevelEncoding == ParquetEncoding.Rle)
            {
                if (data.Length < 4)
                {
                    throw new ParquetException($"column '{Name}': data page too short for its definition levels");
                }

                var length = BinaryPrimitives.ReadInt32LittleEndian(data);
                if (length < 0 || length > data.Length - 4)
                {
                    throw new ParquetException($"column '{Name}': definition levels of {length} bytes run past the end of the page");
                }

                present = DecodeLevels(data.Slice(4, length), defs);
                pos = 4 + length;
            }
            else if (header.DefinitionLevelEncoding == ParquetEncoding.BitPacked)
            {
                var length = (n + 7) / 8;
                if (length > data.Length)
                {
                    throw new ParquetException($"column '{Name}': BIT_PACKED definition levels run past the end of the page");
                }

                // The deprecated BIT_PACKED encoding fills bytes from the most significant bit.
                present = 0;
                for (var i = 0; i < n; i++)
                {
                    var bit = (byte)((data[i >> 3] >> (7 - (i & 7))) & 1);
                    defs[i] = bit;
                    present += bit;
                }

                pos = length;
            }
            else
            {
                throw new ParquetException($"column '{Name}': definition level encoding {ParquetEncoding.Name(header.DefinitionLevelEncoding)} is not supported");
            }
        }
        else
        {
            present = n;
        }

        DecodeValues(header.Encoding, data[pos..], present);
        _target.RowCount += n;
    }

    private void ReadDataPageV2(PageHeader header, int offset, int codec)
    {
        var n = header.NumValues;
        var levelsLength = (long)header.DefinitionLevelsByteLength + header.RepetitionLevelsByteLength;
        if (header.DefinitionLevelsByteLength < 0 || header.RepetitionLevelsByteLength < 0 || levelsLength > header.CompressedPageSize
            || levelsLength > header.UncompressedPageSize)
        {
            throw new ParquetException($"column '{Name}': v2 page level lengths exceed the page");
        }

        if (header.NumNulls < 0 || header.NumNulls > n)
        {
            throw new ParquetException($"column '{Name}': v2 page declares {header.NumNulls} nulls of {n} values");
        }

        var levels = _file.AsSpan(offset + header.RepetitionLevelsByteLength, header.DefinitionLevelsByteLength);
        int present;
        if (_column.MaxDefinitionLevel > 0)
        {
            present = DecodeLevels(levels, _target.Defs.AsSpan(_target.RowCount, n));
        }
        else
        {
            present = n;
        }

        if (present != n - header.NumNulls)
        {
            throw new ParquetException($"column '{Name}': v2 page declares {header.NumNulls} nulls, its levels hold {n - present}");
        }

        var bodyOffset = offset + (int)levelsLength;
        var bodyLength = header.CompressedPageSize - (int)levelsLength;
        var uncompressed = header.UncompressedPageSize - (int)levelsLength;
        ReadOnlySpan<byte> values;
        if (header.IsCompressed && codec != 0 && !(bodyLength == 0 && uncompressed == 0))
        {
            values = PageDecompressor.Decompress(codec, _file, bodyOffset, bodyLength, uncompressed, Name, _budget);
        }
        else
        {
            values = _file.AsSpan(bodyOffset, bodyLength);
        }

        DecodeValues(header.Encoding, values, present);
        _target.RowCount += n;
    }

    /// <summary>Decodes RLE definition levels (0 or 1 for a flat optional column); returns how many are 1.</summary>
    private int DecodeLevels(ReadOnlySpan<byte> data, Span<byte> defs)
    {
        var buffer = ArrayPool<int>.Shared.Rent(Math.Min(defs.Length, 4096));
        try
        {
            var decoder = new RleBitPackedDecoder(data, 1);
            var present = 0;
            for (var done = 0; done < defs.Length;)
            {
                var n = Math.Min(buffer.Length, defs.Length - done);
                var chunk = buffer.AsSpan(0, n);
                try
                {
                    decoder.Read(chunk);
                }
                catch (ParquetException e)
                {
                    throw new ParquetException($"column '{Name}': definition levels: {e.Message}", e);
                }

                for (var i = 0; i < n; i++)
                {
                    var level = chunk[i];
                    if ((uint)level > 1)
                    {
                        throw new ParquetException($"column '{Name}': definition level {level} exceeds the maximum 1");
                    }

                    defs[done + i] = (byte)level;
                    present += level;
                }

                done += n;
            }

            return present;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    private void DecodeValues(int encoding, ReadOnlySpan<byte> data, int count)
    {
        try
        {
            switch (encoding)
            {
                case ParquetEncoding.Plain: DecodePlain(data, count); break;
                case ParquetEncoding.PlainDictionary:
                case ParquetEncoding.RleDictionary: DecodeDictionary(data, count); break;
                case ParquetEncoding.Rle when _column.Physical == ParquetPhysicalType.Boolean: DecodeRleBooleans(data, count); break;
                case ParquetEncoding.DeltaBinaryPacked when _column.Physical is ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64:
                    DecodeDeltaBinaryPacked(data, count);
                    break;
                case ParquetEncoding.DeltaLengthByteArray when _column.Physical == ParquetPhysicalType.ByteArray:
                    DecodeDeltaLengthByteArray(data, count, _target.EnsurePlainBytes());
                    break;
                case ParquetEncoding.DeltaByteArray when _column.Physical is ParquetPhysicalType.ByteArray or ParquetPhysicalType.FixedLenByteArray:
                    DecodeDeltaByteArray(data, count);
                    break;
                case ParquetEncoding.ByteStreamSplit when _column.Physical is not (ParquetPhysicalType.Boolean or ParquetPhysicalType.ByteArray or ParquetPhysicalType.Int96):
                    DecodeByteStreamSplit(data, count);
                    break;
                default:
                    throw new ParquetException($"column '{Name}': encoding {ParquetEncoding.Name(encoding)} is not supported for {_column.Physical} values");
            }
        }
        catch (ParquetException e) when (!e.Message.StartsWith("column '", StringComparison.Ordinal))
        {
            throw new ParquetException($"column '{Name}': {e.Message}", e);
        }

        _target.ValueCount += count;
    }

    private void DecodePlain(ReadOnlySpan<byte> data, int count)
    {
        var t = _target;
        var at = t.ValueCount;
        switch (_column.Physical)
        {
            case ParquetPhysicalType.Boolean:
                CheckPlainCount(count, data.Length, 0);
                PlainBooleans(data, t.Bools.AsSpan(at, count));
                break;
            case ParquetPhysicalType.Int32:
                CheckPlainCount(count, data.Length, 4);
                MemoryMarshal.Cast<byte, int>(data[..(count * 4)]).CopyTo(t.Ints.AsSpan(at));
                break;
            case ParquetPhysicalType.Int64:
                CheckPlainCount(count, data.Length, 8);
                MemoryMarshal.Cast<byte, long>(data[..(count * 8)]).CopyTo(t.Longs.AsSpan(at));
                break;
            case ParquetPhysicalType.Float:
                CheckPlainCount(count, data.Length, 4);
                MemoryMarshal.Cast<byte, float>(data[..(count * 4)]).CopyTo(t.Floats.AsSpan(at));
                break;
            case ParquetPhysicalType.Double:
                CheckPlainCount(count, data.Length, 8);
                MemoryMarshal.Cast<byte, double>(data[..(count * 8)]).CopyTo(t.Doubles.AsSpan(at));
                break;
            case ParquetPhysicalType.Int96:
            case ParquetPhysicalType.FixedLenByteArray:
                {
                    var w = _column.FixedWidth;
                    CheckPlainCount(count, data.Length, w);
                    data[..(count * w)].CopyTo(t.Fixed.AsSpan(at * w));
                    break;
                }

            case ParquetPhysicalType.ByteArray:
                PlainByteArrays(data, count, t.EnsurePlainBytes());
                break;
        }
    }

    private static void PlainBooleans(ReadOnlySpan<byte> data, Span<bool> dest)
    {
        for (var i = 0; i < dest.Length; i++)
        {
            dest[i] = ((data[i >> 3] >> (i & 7)) & 1) != 0;
        }
    }

    private int PlainByteArrays(ReadOnlySpan<byte> data, int count, ByteArrayList list)
    {
        var pos = 0;
        for (var i = 0; i < count; i++)
        {
            if (data.Length - pos < 4)
            {
                throw new ParquetException($"column '{Name}': PLAIN byte array {i} of {count} runs past the end of the page");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
            pos += 4;
            if (length < 0 || length > data.Length - pos)
            {
                throw new ParquetException($"column '{Name}': PLAIN byte array of {length} bytes runs past the end of the page");
            }

            list.Add(data.Slice(pos, length));
            pos += length;
        }

        return pos;
    }

    private void DecodeRleBooleans(ReadOnlySpan<byte> data, int count)
    {
        if (data.Length < 4)
        {
            throw new ParquetException($"column '{Name}': RLE boolean page too short");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4)
        {
            throw new ParquetException($"column '{Name}': RLE boolean data of {length} bytes runs past the end of the page");
        }

        var buffer = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var decoder = new RleBitPackedDecoder(data.Slice(4, length), 1);
            decoder.Read(buffer.AsSpan(0, count));
            var dest = _target.Bools.AsSpan(_target.ValueCount, count);
            for (var i = 0; i < count; i++)
            {
                dest[i] = buffer[i] != 0;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    private void DecodeDictionary(ReadOnlySpan<byte> data, int count)
    {
        if (_dictionaryCount < 0)
        {
            throw new ParquetException($"column '{Name}': dictionary-encoded page without a dictionary page");
        }

        if (count == 0)
        {
            return;
        }

        if (data.Length < 1)
        {
            throw new ParquetException($"column '{Name}': dictionary-encoded page has no bit width");
        }

        int bitWidth = data[0];
        if (bitWidth > 32)
        {
            throw new ParquetException($"column '{Name}': dictionary index bit width {bitWidth} exceeds 32");
        }

        var indices = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var idx = indices.AsSpan(0, count);
            new RleBitPackedDecoder(data[1..], bitWidth).Read(idx);
            var max = (uint)_dictionaryCount;
            foreach (var i in idx)
            {
                if ((uint)i >= max)
                {
                    throw new ParquetException($"column '{Name}': dictionary index {i} is outside the dictionary of {_dictionaryCount} values");
                }
            }

            Gather(idx);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private void Gather(ReadOnlySpan<int> idx)
    {
        var t = _target;
        var at = t.ValueCount;
        switch (_column.Physical)
        {
            case ParquetPhysicalType.Boolean: GatherInto((bool[])_dictionary!, idx, t.Bools.AsSpan(at)); break;
            case ParquetPhysicalType.Int32: GatherInto((int[])_dictionary!, idx, t.Ints.AsSpan(at)); break;
            case ParquetPhysicalType.Int64: GatherInto((long[])_dictionary!, idx, t.Longs.AsSpan(at)); break;
            case ParquetPhysicalType.Float: GatherInto((float[])_dictionary!, idx, t.Floats.AsSpan(at)); break;
            case ParquetPhysicalType.Double: GatherInto((double[])_dictionary!, idx, t.Doubles.AsSpan(at)); break;
            case ParquetPhysicalType.Int96:
            case ParquetPhysicalType.FixedLenByteArray:
                {
                    var w = _column.FixedWidth;
                    var dict = (byte[])_dictionary!;
                    var dest = t.Fixed.AsSpan(at * w);
                    for (var i = 0; i < idx.Length; i++)
                    {
                        dict.AsSpan(idx[i] * w, w).CopyTo(dest[(i * w)..]);
                    }

                    break;
                }

            case ParquetPhysicalType.ByteArray:
                {
                    var dict = _byteDictionary!;
                    if (t.Bytes is not null)
                    {
                        foreach (var i in idx)
                        {
                            t.Bytes.Add(dict[i]);
                        }

                        break;
                    }

                    // Dictionary mode: append this row group's dictionary once, then keep indices.
                    if (_dictionaryBase < 0)
                    {
                        t.Dictionary ??= new ByteArrayList(_budget, dict.Count);
                        _dictionaryBase = t.Dictionary.Count;
                        for (var i = 0; i < dict.Count; i++)
                        {
                            t.Dictionary.Add(dict[i]);
                        }
                    }

                    t.Indices ??= new int[t.Capacity];
                    var dest = t.Indices.AsSpan(at, idx.Length);
                    for (var i = 0; i < idx.Length; i++)
                    {
                        dest[i] = idx[i] + _dictionaryBase;
                    }

                    break;
                }
        }
    }

    private static void GatherInto<T>(T[] dict, ReadOnlySpan<int> idx, Span<T> dest)
    {
        dest = dest[..idx.Length];
        for (var i = 0; i < idx.Length; i++)
        {
            dest[i] = dict[idx[i]];
        }
    }

    private void DecodeDeltaBinaryPacked(ReadOnlySpan<byte> data, int count)
    {
        var at = _target.ValueCount;
        if (_column.Physical == ParquetPhysicalType.Int64)
        {
            DeltaBinaryPackedDecoder.Decode(data, _target.Longs.AsSpan(at, count));
            return;
        }

        var buffer = ArrayPool<long>.Shared.Rent(Math.Max(count, 1));
        try
        {
            DeltaBinaryPackedDecoder.Decode(data, buffer.AsSpan(0, count));
            var dest = _target.Ints.AsSpan(at, count);
            for (var i = 0; i < count; i++)
            {
                dest[i] = unchecked((int)buffer[i]);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(buffer);
        }
    }

    private int DecodeDeltaLengthByteArray(ReadOnlySpan<byte> data, int count, ByteArrayList list)
    {
        var lengths = ArrayPool<long>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var pos = DeltaBinaryPackedDecoder.Decode(data, lengths.AsSpan(0, count));
            for (var i = 0; i < count; i++)
            {
                var length = lengths[i];
                if (length < 0 || length > data.Length - pos)
                {
                    throw new ParquetException($"DELTA_LENGTH_BYTE_ARRAY value of {length} bytes runs past the end of the page");
                }

                list.Add(data.Slice(pos, (int)length));
                pos += (int)length;
            }

            return pos;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(lengths);
        }
    }

    private void DecodeDeltaByteArray(ReadOnlySpan<byte> data, int count)
    {
        var prefixes = ArrayPool<long>.Shared.Rent(Math.Max(count, 1));
        try
        {
            var pos = DeltaBinaryPackedDecoder.Decode(data, prefixes.AsSpan(0, count));
            var suffixes = new ByteArrayList(_budget, count);
            DecodeDeltaLengthByteArray(data[pos..], count, suffixes);
            var isFixed = _column.Physical == ParquetPhysicalType.FixedLenByteArray;
            var list = isFixed ? new ByteArrayList(_budget, count) : _target.EnsurePlainBytes();
            var previous = -1;
            var previousLength = 0;
            for (var i = 0; i < count; i++)
            {
                var prefix = prefixes[i];
                if (prefix < 0 || prefix > previousLength)
                {
                    throw new ParquetException($"DELTA_BYTE_ARRAY prefix of {prefix} bytes is longer than the previous value ({previousLength})");
                }

                if (previous < 0)
                {
                    list.Add(suffixes[i]);
                }
                else
                {
                    list.AddWithPrefix(previous, (int)prefix, suffixes[i]);
                }

                previous = list.Count - 1;
                previousLength = list[previous].Length;
            }

            if (isFixed)
            {
                var w = _column.FixedWidth;
                var dest = _target.Fixed.AsSpan(_target.ValueCount * w);
                for (var i = 0; i < count; i++)
                {
                    if (list[i].Length != w)
                    {
                        throw new ParquetException($"DELTA_BYTE_ARRAY value of {list[i].Length} bytes in a FIXED_LEN_BYTE_ARRAY({w}) column");
                    }

                    list[i].CopyTo(dest[(i * w)..]);
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(prefixes);
        }
    }

    private void DecodeByteStreamSplit(ReadOnlySpan<byte> data, int count)
    {
        var w = PlainWidth();
        CheckPlainCount(count, data.Length, w);
        var at = _target.ValueCount;
        Span<byte> dest = _column.Physical switch
        {
            ParquetPhysicalType.Int32 => MemoryMarshal.AsBytes(_target.Ints.AsSpan(at, count)),
            ParquetPhysicalType.Int64 => MemoryMarshal.AsBytes(_target.Longs.AsSpan(at, count)),
            ParquetPhysicalType.Float => MemoryMarshal.AsBytes(_target.Floats.AsSpan(at, count)),
            ParquetPhysicalType.Double => MemoryMarshal.AsBytes(_target.Doubles.AsSpan(at, count)),
            _ => _target.Fixed.AsSpan(at * w, count * w),
        };

        // Stream k holds byte k of every value; the streams span the whole page's value count.
        var streamLength = data.Length / w;
        if (streamLength < count)
        {
            throw new ParquetException("BYTE_STREAM_SPLIT data is shorter than its values");
        }

        for (var k = 0; k < w; k++)
        {
            var stream = data.Slice(k * streamLength, count);
            for (var i = 0; i < count; i++)
            {
                dest[i * w + k] = stream[i];
            }
        }
    }
}
