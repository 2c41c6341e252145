using Testbed.Parquet.Thrift;

namespace Testbed.Parquet.Format;

/// <summary>Decodes the footer and page headers from the Thrift compact protocol; unknown fields are skipped.</summary>
internal static class MetadataReader
{
    public static FileMetaData ReadFileMetaData(ReadOnlySpan<byte> footer)
    {
        var r = new ThriftCompactReader(footer);
        var meta = new FileMetaData();
        r.EnterStruct();
        short last = 0;
        bool hasSchema = false, hasRowGroups = false;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32: meta.Version = r.ReadI32(); break;
                case 2 when type == ThriftType.List:
                    {
                        var n = ReadStructList(ref r);
                        for (var i = 0; i < n; i++)
                        {
                            meta.Schema.Add(ReadSchemaElement(ref r));
                        }

                        hasSchema = true;
                        break;
                    }

                case 3 when type == ThriftType.I64: meta.NumRows = r.ReadI64(); break;
                case 4 when type == ThriftType.List:
                    {
                        var n = ReadStructList(ref r);
                        for (var i = 0; i < n; i++)
                        {
                            meta.RowGroups.Add(ReadRowGroup(ref r));
                        }

                        hasRowGroups = true;
                        break;
                    }

                case 5 when type == ThriftType.List:
                    {
                        var n = ReadStructList(ref r);
                        for (var i = 0; i < n; i++)
                        {
                            meta.KeyValueMetadata.Add(ReadKeyValue(ref r));
                        }

                        break;
                    }

                case 6 when type == ThriftType.Binary: meta.CreatedBy = r.ReadString(); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
        if (!hasSchema || !hasRowGroups)
        {
            throw new ParquetException("corrupt footer: the schema or the row group list is missing");
        }

        return meta;
    }

    /// <summary>Reads a page header; <paramref name="length"/> is the header's size in bytes.</summary>
    public static PageHeader ReadPageHeader(ReadOnlySpan<byte> data, out int length)
    {
        var r = new ThriftCompactReader(data);
        var h = new PageHeader();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32: h.Type = r.ReadI32(); break;
                case 2 when type == ThriftType.I32: h.UncompressedPageSize = r.ReadI32(); break;
                case 3 when type == ThriftType.I32: h.CompressedPageSize = r.ReadI32(); break;
                case 5 when type == ThriftType.Struct: ReadDataPageHeader(ref r, h); break;
                case 7 when type == ThriftType.Struct: ReadDictionaryPageHeader(ref r, h); break;
                case 8 when type == ThriftType.Struct: ReadDataPageHeaderV2(ref r, h); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
        if (h.Type < 0 || h.UncompressedPageSize < 0 || h.CompressedPageSize < 0)
        {
            throw new ParquetException("corrupt page header: type or a size is missing or negative");
        }

        length = r.Position;
        return h;
    }

    private static int ReadStructList(ref ThriftCompactReader r)
    {
        var n = r.ReadListHeader(out var elementType);
        if (elementType != ThriftType.Struct && n > 0)
        {
            throw new ParquetException("corrupt footer: a list of structures holds another type");
        }

        return n;
    }

    private static SchemaElement ReadSchemaElement(ref ThriftCompactReader r)
    {
        var e = new SchemaElement();
        var hasName = false;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32: e.Type = r.ReadI32(); break;
                case 2 when type == ThriftType.I32: e.TypeLength = r.ReadI32(); break;
                case 3 when type == ThriftType.I32: e.RepetitionType = r.ReadI32(); break;
                case 4 when type == ThriftType.Binary: e.Name = r.ReadString(); hasName = true; break;
                case 5 when type == ThriftType.I32: e.NumChildren = r.ReadI32(); break;
                case 6 when type == ThriftType.I32: e.ConvertedType = r.ReadI32(); break;
                case 7 when type == ThriftType.I32: e.Scale = r.ReadI32(); break;
                case 8 when type == ThriftType.I32: e.Precision = r.ReadI32(); break;
                case 10 when type == ThriftType.Struct: e.LogicalType = ReadLogicalType(ref r); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
        if (!hasName)
        {
            throw new ParquetException("corrupt schema: an element has no name");
        }

        return e;
    }

    private static LogicalTypeAnnotation ReadLogicalType(ref ThriftCompactReader r)
    {
        var lt = new LogicalTypeAnnotation();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            if (type != ThriftType.Struct)
            {
                r.Skip(type);
                continue;
            }

            lt.Kind = id;
            r.EnterStruct();
            short innerLast = 0;
            while (r.ReadFieldHeader(ref innerLast, out var t2, out var id2))
            {
                switch (id, id2)
                {
                    case (LogicalTypeAnnotation.Decimal, 1) when t2 == ThriftType.I32: lt.Scale = r.ReadI32(); break;
                    case (LogicalTypeAnnotation.Decimal, 2) when t2 == ThriftType.I32: lt.Precision = r.ReadI32(); break;
                    case (LogicalTypeAnnotation.Timestamp or LogicalTypeAnnotation.Time, 1) when t2 is ThriftType.BoolTrue or ThriftType.BoolFalse:
                        lt.IsAdjustedToUtc = ThriftCompactReader.BoolFromType(t2);
                        break;
                    case (LogicalTypeAnnotation.Timestamp or LogicalTypeAnnotation.Time, 2) when t2 == ThriftType.Struct:
                        {
                            // TimeUnit is a union of empty structs: the field id is the unit.
                            r.EnterStruct();
                            short unitLast = 0;
                            while (r.ReadFieldHeader(ref unitLast, out var t3, out var id3))
                            {
                                lt.Unit = id3;
                                r.Skip(t3);
                            }

                            r.ExitStruct();
                            break;
                        }

                    case (LogicalTypeAnnotation.Integer, 1) when t2 == ThriftType.Byte: lt.BitWidth = (sbyte)r.ReadByte(); break;
                    case (LogicalTypeAnnotation.Integer, 2) when t2 is ThriftType.BoolTrue or ThriftType.BoolFalse:
                        lt.IsSigned = ThriftCompactReader.BoolFromType(t2);
                        break;
                    default: r.Skip(t2); break;
                }
            }

            r.ExitStruct();
        }

        r.ExitStruct();
        return lt;
    }

    private static RowGroupMetaData ReadRowGroup(ref ThriftCompactReader r)
    {
        var rg = new RowGroupMetaData();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.List:
                    {
                        var n = ReadStructList(ref r);
                        for (var i = 0; i < n; i++)
                        {
                            rg.Columns.Add(ReadColumnChunk(ref r));
                        }

                        break;
                    }

                case 2 when type == ThriftType.I64: rg.TotalByteSize = r.ReadI64(); break;
                case 3 when type == ThriftType.I64: rg.NumRows = r.ReadI64(); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
        return rg;
    }

    private static ColumnChunkMetaData ReadColumnChunk(ref ThriftCompactReader r)
    {
        var c = new ColumnChunkMetaData();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Binary: c.FilePath = r.ReadString(); break;
                case 2 when type == ThriftType.I64: c.FileOffset = r.ReadI64(); break;
                case 3 when type == ThriftType.Struct: ReadColumnMetaData(ref r, c); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
        return c;
    }

    private static void ReadColumnMetaData(ref ThriftCompactReader r, ColumnChunkMetaData c)
    {
        c.HasMetaData = true;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32: c.Type = r.ReadI32(); break;
                case 2 when type == ThriftType.List:
                    {
                        var n = r.ReadListHeader(out var et);
                        for (var i = 0; i < n; i++)
                        {
                            if (et == ThriftType.I32)
                            {
                                c.Encodings.Add(r.ReadI32());
                            }
                            else
                            {
                                r.Skip(et);
                            }
                        }

                        break;
                    }

                case 3 when type == ThriftType.List:
                    {
                        var n = r.ReadListHeader(out var et);
                        for (var i = 0; i < n; i++)
                        {
                            if (et == ThriftType.Binary)
                            {
                                c.PathInSchema.Add(r.ReadString());
                            }
                            else
                            {
                                r.Skip(et);
                            }
                        }

                        break;
                    }

                case 4 when type == ThriftType.I32: c.Codec = r.ReadI32(); break;
                case 5 when type == ThriftType.I64: c.NumValues = r.ReadI64(); break;
                case 6 when type == ThriftType.I64: c.TotalUncompressedSize = r.ReadI64(); break;
                case 7 when type == ThriftType.I64: c.TotalCompressedSize = r.ReadI64(); break;
                case 9 when type == ThriftType.I64: c.DataPageOffset = r.ReadI64(); break;
                case 11 when type == ThriftType.I64: c.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when type == ThriftType.Struct: c.Statistics = ReadStatistics(ref r); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
    }

    private static StatisticsData ReadStatistics(ref ThriftCompactReader r)
    {
        var s = new StatisticsData();
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Binary: s.Max = r.ReadBinary().ToArray(); break;
                case 2 when type == ThriftType.Binary: s.Min = r.ReadBinary().ToArray(); break;
                case 3 when type == ThriftType.I64: s.NullCount = r.ReadI64(); break;
                case 4 when type == ThriftType.I64: s.DistinctCount = r.ReadI64(); break;
                case 5 when type == ThriftType.Binary: s.MaxValue = r.ReadBinary().ToArray(); break;
                case 6 when type == ThriftType.Binary: s.MinValue = r.ReadBinary().ToArray(); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
        return s;
    }

    private static KeyValuePair<string, string?> ReadKeyValue(ref ThriftCompactReader r)
    {
        string key = "";
        string? value = null;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Binary: key = r.ReadString(); break;
                case 2 when type == ThriftType.Binary: value = r.ReadString(); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
        return new(key, value);
    }

    private static void ReadDataPageHeader(ref ThriftCompactReader r, PageHeader h)
    {
        h.HasSubHeader = true;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when type == ThriftType.I32: h.Encoding = r.ReadI32(); break;
                case 3 when type == ThriftType.I32: h.DefinitionLevelEncoding = r.ReadI32(); break;
                case 4 when type == ThriftType.I32: h.RepetitionLevelEncoding = r.ReadI32(); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
    }

    private static void ReadDictionaryPageHeader(ref ThriftCompactReader r, PageHeader h)
    {
        h.HasSubHeader = true;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when type == ThriftType.I32: h.Encoding = r.ReadI32(); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
    }

    private static void ReadDataPageHeaderV2(ref ThriftCompactReader r, PageHeader h)
    {
        h.HasSubHeader = true;
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32: h.NumValues = r.ReadI32(); break;
                case 2 when type == ThriftType.I32: h.NumNulls = r.ReadI32(); break;
                case 3 when type == ThriftType.I32: h.NumRows = r.ReadI32(); break;
                case 4 when type == ThriftType.I32: h.Encoding = r.ReadI32(); break;
                case 5 when type == ThriftType.I32: h.DefinitionLevelsByteLength = r.ReadI32(); break;
                case 6 when type == ThriftType.I32: h.RepetitionLevelsByteLength = r.ReadI32(); break;
                case 7 when type is ThriftType.BoolTrue or ThriftType.BoolFalse: h.IsCompressed = ThriftCompactReader.BoolFromType(type); break;
                default: r.Skip(type); break;
            }
        }

        r.ExitStruct();
    }
}
