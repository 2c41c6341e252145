using System.Buffers.Binary;
using Testbed.Parquet.Encodings;
using Testbed.Parquet.Format;
using Testbed.Parquet.Thrift;

namespace Testbed.Parquet.Writing;

/// <summary>Writes one column chunk: an optional dictionary page, then v1 data pages of PLAIN or RLE_DICTIONARY values.</summary>
internal sealed class ColumnChunkWriter(Stream output, ParquetWriteOptions options, ThriftCompactWriter thrift)
{
    public long Position { get; set; }

    public ColumnChunkMetaData Write(ParquetField field, byte[]? defs, ValueBuffer values, int rows)
    {
        var chunk = new ColumnChunkMetaData
        {
            HasMetaData = true,
            Type = (int)field.PhysicalType,
            Codec = (int)options.Compression,
            NumValues = rows,
        };
        chunk.PathInSchema.Add(field.Name);
        var (dictionary, indices) = BuildDictionary(field, values, rows);
        var start = Position;
        long uncompressed = 0;
        if (dictionary is not null)
        {
            chunk.DictionaryPageOffset = Position;
            var body = new List<byte>();
            foreach (var i in dictionary)
            {
                AppendPlain(field, values, i, body, bitIndex: 0);
            }

            if (field.PhysicalType == ParquetPhysicalType.Boolean)
            {
                throw new InvalidOperationException("booleans are never dictionary-encoded");
            }

            uncompressed += WritePage(PageType.DictionaryPage, dictionary.Count, ParquetEncoding.Plain, body);
        }

        chunk.DataPageOffset = Position;
        var valueIndex = 0;
        var bitWidth = dictionary is null ? 0 : RleBitPackedEncoder.BitWidth(Math.Max(dictionary.Count - 1, 0));
        for (var row = 0; row < rows || (rows == 0 && row == 0); row += options.PageRowCount)
        {
            var pageRows = Math.Min(options.PageRowCount, rows - row);
            var body = new List<byte>(pageRows * Math.Max(values.Width, 4) + 16);
            var present = pageRows;
            if (defs is not null)
            {
                present = 0;
                var levels = new int[pageRows];
                for (var i = 0; i < pageRows; i++)
                {
                    levels[i] = defs[row + i];
                    present += levels[i];
                }

                var encoded = new List<byte>();
                RleBitPackedEncoder.Encode(levels, 1, encoded);
                var length = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(length, encoded.Count);
                body.AddRange(length);
                body.AddRange(encoded);
            }

            if (indices is not null)
            {
                body.Add((byte)bitWidth);
                RleBitPackedEncoder.Encode(indices.AsSpan(valueIndex, present), bitWidth, body);
            }
            else if (field.PhysicalType == ParquetPhysicalType.Boolean)
            {
                var bytes = new byte[(present + 7) / 8];
                for (var i = 0; i < present; i++)
                {
                    if (values[valueIndex + i][0] != 0)
                    {
                        bytes[i >> 3] |= (byte)(1 << (i & 7));
                    }
                }

                body.AddRange(bytes);
            }
            else if (values.Width > 0)
            {
                // Fixed-width PLAIN values are already laid out back to back.
                body.AddRange(values.Data.AsSpan(valueIndex * values.Width, present * values.Width));
            }
            else
            {
                for (var i = 0; i < present; i++)
                {
                    AppendPlain(field, values, valueIndex + i, body, 0);
                }
            }

            valueIndex += present;
            uncompressed += WritePage(PageType.DataPage, pageRows, indices is null ? ParquetEncoding.Plain : ParquetEncoding.RleDictionary, body);
            if (rows == 0)
            {
                break;
            }
        }

        chunk.TotalCompressedSize = Position - start;
        chunk.TotalUncompressedSize = uncompressed;
        chunk.FileOffset = start;
        chunk.Encodings.Add(ParquetEncoding.Plain);
        chunk.Encodings.Add(ParquetEncoding.Rle);
        if (dictionary is not null)
        {
            chunk.Encodings.Add(ParquetEncoding.RleDictionary);
        }

        var (min, max) = StatisticsCollector.MinMax(field, values);
        chunk.Statistics = new StatisticsData { NullCount = rows - values.Count, MinValue = min, MaxValue = max };
        return chunk;
    }

    private (List<int>? Dictionary, int[]? Indices) BuildDictionary(ParquetField field, ValueBuffer values, int rows)
    {
        if (field.Dictionary == false || field.PhysicalType == ParquetPhysicalType.Boolean || values.Count == 0)
        {
            return (null, null);
        }

        var limit = field.Dictionary == true ? int.MaxValue : Math.Min(options.MaxDictionarySize, Math.Max(1, values.Count / 2));
        var ids = new Dictionary<int, int>(new ByteKeyComparer(values));
        var dictionary = new List<int>();
        var indices = new int[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (!ids.TryGetValue(i, out var id))
            {
                if (dictionary.Count >= limit)
                {
                    return (null, null);
                }

                id = dictionary.Count;
                ids.Add(i, id);
                dictionary.Add(i);
            }

            indices[i] = id;
        }

        return (dictionary, indices);
    }

    private static void AppendPlain(ParquetField field, ValueBuffer values, int i, List<byte> body, int bitIndex)
    {
        var v = values[i];
        if (field.PhysicalType == ParquetPhysicalType.ByteArray)
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, v.Length);
            body.AddRange(length);
        }

        body.AddRange(v);
    }

    private long WritePage(int type, int count, int encoding, List<byte> body)
    {
        var raw = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(body);
        var compressed = PageCompressor.Compress(options.Compression, raw);
        var header = new PageHeader
        {
            Type = type,
            UncompressedPageSize = raw.Length,
            CompressedPageSize = compressed.Length,
            NumValues = count,
            Encoding = encoding,
        };
        MetadataWriter.WritePageHeader(thrift, header);
        output.Write(thrift.WrittenSpan);
        output.Write(compressed);
        Position += thrift.WrittenSpan.Length + compressed.Length;
        return thrift.WrittenSpan.Length + raw.Length;
    }
}
