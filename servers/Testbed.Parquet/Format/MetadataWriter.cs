using Testbed.Parquet.Thrift;

namespace Testbed.Parquet.Format;

/// <summary>Encodes the footer and page headers in the Thrift compact protocol.</summary>
internal static class MetadataWriter
{
    public static void WritePageHeader(ThriftCompactWriter w, PageHeader h)
    {
        w.Clear();
        w.BeginStruct();
        w.FieldI32(1, h.Type);
        w.FieldI32(2, h.UncompressedPageSize);
        w.FieldI32(3, h.CompressedPageSize);
        if (h.Type == PageType.DataPage)
        {
            w.BeginStructField(5);
            w.FieldI32(1, h.NumValues);
            w.FieldI32(2, h.Encoding);
            w.FieldI32(3, h.DefinitionLevelEncoding);
            w.FieldI32(4, h.RepetitionLevelEncoding);
            w.EndStruct();
        }
        else if (h.Type == PageType.DictionaryPage)
        {
            w.BeginStructField(7);
            w.FieldI32(1, h.NumValues);
            w.FieldI32(2, h.Encoding);
            w.EndStruct();
        }

        w.EndStruct();
    }

    public static void WriteFileMetaData(ThriftCompactWriter w, FileMetaData m)
    {
        w.Clear();
        w.BeginStruct();
        w.FieldI32(1, m.Version);
        w.FieldList(2, ThriftType.Struct, m.Schema.Count);
        foreach (var e in m.Schema)
        {
            WriteSchemaElement(w, e);
        }

        w.FieldI64(3, m.NumRows);
        w.FieldList(4, ThriftType.Struct, m.RowGroups.Count);
        foreach (var rg in m.RowGroups)
        {
            w.BeginStruct();
            w.FieldList(1, ThriftType.Struct, rg.Columns.Count);
            foreach (var c in rg.Columns)
            {
                WriteColumnChunk(w, c);
            }

            w.FieldI64(2, rg.TotalByteSize);
            w.FieldI64(3, rg.NumRows);
            w.EndStruct();
        }

        if (m.KeyValueMetadata.Count > 0)
        {
            w.FieldList(5, ThriftType.Struct, m.KeyValueMetadata.Count);
            foreach (var kv in m.KeyValueMetadata)
            {
                w.BeginStruct();
                w.FieldString(1, kv.Key);
                if (kv.Value is not null)
                {
                    w.FieldString(2, kv.Value);
                }

                w.EndStruct();
            }
        }

        if (m.CreatedBy is not null)
        {
            w.FieldString(6, m.CreatedBy);
        }

        // TypeDefinedOrder for every leaf: tells readers that min_value/max_value are trustworthy.
        var leaves = m.Schema.Count - 1;
        w.FieldList(7, ThriftType.Struct, leaves);
        for (var i = 0; i < leaves; i++)
        {
            w.BeginStruct();
            w.BeginStructField(1);
            w.EndStruct();
            w.EndStruct();
        }

        w.EndStruct();
    }

    private static void WriteSchemaElement(ThriftCompactWriter w, SchemaElement e)
    {
        w.BeginStruct();
        w.OptionalI32(1, e.Type);
        w.OptionalI32(2, e.TypeLength);
        w.OptionalI32(3, e.RepetitionType);
        w.FieldString(4, e.Name);
        w.OptionalI32(5, e.NumChildren);
        w.OptionalI32(6, e.ConvertedType);
        w.OptionalI32(7, e.Scale);
        w.OptionalI32(8, e.Precision);
        if (e.LogicalType is { } lt)
        {
            w.BeginStructField(10);
            w.BeginStructField((short)lt.Kind);
            switch (lt.Kind)
            {
                case LogicalTypeAnnotation.Decimal:
                    w.FieldI32(1, lt.Scale);
                    w.FieldI32(2, lt.Precision);
                    break;
                case LogicalTypeAnnotation.Timestamp:
                    w.FieldBool(1, lt.IsAdjustedToUtc);
                    w.BeginStructField(2);
                    w.BeginStructField((short)lt.Unit);
                    w.EndStruct();
                    w.EndStruct();
                    break;
                case LogicalTypeAnnotation.Integer:
                    w.FieldI32Byte(1, (sbyte)lt.BitWidth);
                    w.FieldBool(2, lt.IsSigned);
                    break;
            }

            w.EndStruct();
            w.EndStruct();
        }

        w.EndStruct();
    }

    private static void WriteColumnChunk(ThriftCompactWriter w, ColumnChunkMetaData c)
    {
        w.BeginStruct();
        w.FieldI64(2, c.FileOffset);
        w.BeginStructField(3);
        w.FieldI32(1, c.Type);
        w.FieldList(2, ThriftType.I32, c.Encodings.Count);
        foreach (var e in c.Encodings)
        {
            w.ElementI32(e);
        }

        w.FieldList(3, ThriftType.Binary, c.PathInSchema.Count);
        foreach (var p in c.PathInSchema)
        {
            w.ElementString(p);
        }

        w.FieldI32(4, c.Codec);
        w.FieldI64(5, c.NumValues);
        w.FieldI64(6, c.TotalUncompressedSize);
        w.FieldI64(7, c.TotalCompressedSize);
        w.FieldI64(9, c.DataPageOffset);
        w.OptionalI64(11, c.DictionaryPageOffset);
        if (c.Statistics is { } s)
        {
            w.BeginStructField(12);
            w.OptionalI64(3, s.NullCount);
            w.OptionalBinary(5, s.MaxValue);
            w.OptionalBinary(6, s.MinValue);
            w.EndStruct();
        }

        w.EndStruct();
        w.EndStruct();
    }
}
