using Testbed.Parquet.Thrift;

namespace Testbed.Parquet.Format;

/// <summary>
/// Decodes the footer and page headers from the Thrift compact protocol. Every structure is read by
/// <see cref="ReadStruct{T}"/>, which walks the field headers and skips what a structure's own
/// field reader does not claim (unknown or mistyped fields), so each reader below is only the
/// table of the fields it knows.
/// </summary>
internal static class MetadataReader
{
    /// <summary>Reads field <paramref name="id"/> of wire type <paramref name="type"/> into <paramref name="target"/>; false to skip it.</summary>
    private delegate bool FieldReader<in T>(ref ThriftCompactReader r, T target, short id, byte type);

    /// <summary>Reads one element of a list of structures.</summary>
    private delegate T ElementReader<out T>(ref ThriftCompactReader r);

    public static FileMetaData ReadFileMetaData(ReadOnlySpan<byte> footer)
    {
        var r = new ThriftCompactReader(footer);
        var footerFields = ReadStruct(ref r, new Footer(), static (ref ThriftCompactReader r, Footer f, short id, byte type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32: f.Meta.Version = r.ReadI32(); return true;
                case 2 when type == ThriftType.List: ReadStructList(ref r, f.Meta.Schema, ReadSchemaElement); f.HasSchema = true; return true;
                case 3 when type == ThriftType.I64: f.Meta.NumRows = r.ReadI64(); return true;
                case 4 when type == ThriftType.List: ReadStructList(ref r, f.Meta.RowGroups, ReadRowGroup); f.HasRowGroups = true; return true;
                case 5 when type == ThriftType.List: ReadStructList(ref r, f.Meta.KeyValueMetadata, ReadKeyValue); return true;
                case 6 when type == ThriftType.Binary: f.Meta.CreatedBy = r.ReadString(); return true;
                default: return false;
            }
        });
        if (!footerFields.HasSchema || !footerFields.HasRowGroups)
        {
            throw new ParquetException("corrupt footer: the schema or the row group list is missing");
        }

        return footerFields.Meta;
    }

    /// <summary>Reads a page header; <paramref name="length"/> is the header's size in bytes.</summary>
    public static PageHeader ReadPageHeader(ReadOnlySpan<byte> data, out int length)
    {
        var r = new ThriftCompactReader(data);
        var h = ReadStruct(ref r, new PageHeader(), static (ref ThriftCompactReader r, PageHeader h, short id, byte type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32: h.Type = r.ReadI32(); return true;
                case 2 when type == ThriftType.I32: h.UncompressedPageSize = r.ReadI32(); return true;
                case 3 when type == ThriftType.I32: h.CompressedPageSize = r.ReadI32(); return true;
                case 5 when type == ThriftType.Struct: h.HasSubHeader = true; ReadStruct(ref r, h, DataPageHeaderField); return true;
                case 7 when type == ThriftType.Struct: h.HasSubHeader = true; ReadStruct(ref r, h, DictionaryPageHeaderField); return true;
                case 8 when type == ThriftType.Struct: h.HasSubHeader = true; ReadStruct(ref r, h, DataPageHeaderV2Field); return true;
                default: return false;
            }
        });
        if (h.Type < 0 || h.UncompressedPageSize < 0 || h.CompressedPageSize < 0)
        {
            throw new ParquetException("corrupt page header: type or a size is missing or negative");
        }

        length = r.Position;
        return h;
    }

    private static T ReadStruct<T>(ref ThriftCompactReader r, T target, FieldReader<T> field)
    {
        r.EnterStruct();
        short last = 0;
        while (r.ReadFieldHeader(ref last, out var type, out var id))
        {
            if (!field(ref r, target, id, type))
            {
                r.Skip(type);
            }
        }

        r.ExitStruct();
        return target;
    }

    private static void ReadStructList<T>(ref ThriftCompactReader r, List<T> into, ElementReader<T> element)
    {
        var n = r.ReadListHeader(out var elementType);
        if (elementType != ThriftType.Struct && n > 0)
        {
            throw new ParquetException("corrupt footer: a list of structures holds another type");
        }

        for (var i = 0; i < n; i++)
        {
            into.Add(element(ref r));
        }
    }

    /// <summary>A list of scalars of <paramref name="wanted"/> type; elements of another type are skipped.</summary>
    private static void ReadScalarList<T>(ref ThriftCompactReader r, List<T> into, byte wanted, ElementReader<T> element)
    {
        var n = r.ReadListHeader(out var elementType);
        for (var i = 0; i < n; i++)
        {
            if (elementType == wanted)
            {
                into.Add(element(ref r));
            }
            else
            {
                r.Skip(elementType);
            }
        }
    }

    private static SchemaElement ReadSchemaElement(ref ThriftCompactReader r)
    {
        // Name starts null, so that a missing name field is told apart from an empty name; a
        // missing one throws below, so the null never escapes.
        var e = ReadStruct(ref r, new SchemaElement { Name = null! }, static (ref ThriftCompactReader r, SchemaElement e, short id, byte type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32: e.Type = r.ReadI32(); return true;
                case 2 when type == ThriftType.I32: e.TypeLength = r.ReadI32(); return true;
                case 3 when type == ThriftType.I32: e.RepetitionType = r.ReadI32(); return true;
                case 4 when type == ThriftType.Binary: e.Name = r.ReadString(); return true;
                case 5 when type == ThriftType.I32: e.NumChildren = r.ReadI32(); return true;
                case 6 when type == ThriftType.I32: e.ConvertedType = r.ReadI32(); return true;
                case 7 when type == ThriftType.I32: e.Scale = r.ReadI32(); return true;
                case 8 when type == ThriftType.I32: e.Precision = r.ReadI32(); return true;
                case 10 when type == ThriftType.Struct: e.LogicalType = ReadLogicalType(ref r); return true;
                default: return false;
            }
        });
        if ((string?)e.Name is null)
        {
            throw new ParquetException("corrupt schema: an element has no name");
        }

        return e;
    }

    /// <summary>LogicalType is a union: the field id names the kind, and its structure holds the kind's parameters.</summary>
    private static LogicalTypeAnnotation ReadLogicalType(ref ThriftCompactReader r) =>
        ReadStruct(ref r, new LogicalTypeAnnotation(), static (ref ThriftCompactReader r, LogicalTypeAnnotation lt, short id, byte type) =>
        {
            if (type != ThriftType.Struct)
            {
                return false;
            }

            lt.Kind = id;
            ReadStruct(ref r, lt, LogicalTypeField);
            return true;
        });

    private static bool LogicalTypeField(ref ThriftCompactReader r, LogicalTypeAnnotation lt, short id, byte type)
    {
        switch (lt.Kind, id)
        {
            case (LogicalTypeAnnotation.Decimal, 1) when type == ThriftType.I32: lt.Scale = r.ReadI32(); return true;
            case (LogicalTypeAnnotation.Decimal, 2) when type == ThriftType.I32: lt.Precision = r.ReadI32(); return true;
            case (LogicalTypeAnnotation.Timestamp or LogicalTypeAnnotation.Time, 1) when type is ThriftType.BoolTrue or ThriftType.BoolFalse:
                lt.IsAdjustedToUtc = ThriftCompactReader.BoolFromType(type);
                return true;
            case (LogicalTypeAnnotation.Timestamp or LogicalTypeAnnotation.Time, 2) when type == ThriftType.Struct:
                // TimeUnit is a union of empty structs: the field id is the unit.
                ReadStruct(ref r, lt, static (ref ThriftCompactReader _, LogicalTypeAnnotation lt, short unit, byte _) =>
                {
                    lt.Unit = unit;
                    return false;
                });
                return true;
            case (LogicalTypeAnnotation.Integer, 1) when type == ThriftType.Byte: lt.BitWidth = (sbyte)r.ReadByte(); return true;
            case (LogicalTypeAnnotation.Integer, 2) when type is ThriftType.BoolTrue or ThriftType.BoolFalse:
                lt.IsSigned = ThriftCompactReader.BoolFromType(type);
                return true;
            default: return false;
        }
    }

    private static RowGroupMetaData ReadRowGroup(ref ThriftCompactReader r) =>
        ReadStruct(ref r, new RowGroupMetaData(), static (ref ThriftCompactReader r, RowGroupMetaData rg, short id, byte type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.List: ReadStructList(ref r, rg.Columns, ReadColumnChunk); return true;
                case 2 when type == ThriftType.I64: rg.TotalByteSize = r.ReadI64(); return true;
                case 3 when type == ThriftType.I64: rg.NumRows = r.ReadI64(); return true;
                default: return false;
            }
        });

    private static ColumnChunkMetaData ReadColumnChunk(ref ThriftCompactReader r) =>
        ReadStruct(ref r, new ColumnChunkMetaData(), static (ref ThriftCompactReader r, ColumnChunkMetaData c, short id, byte type) =>
        {
            switch (id)
            {
                case 1 when type == ThriftType.Binary: c.FilePath = r.ReadString(); return true;
                case 2 when type == ThriftType.I64: c.FileOffset = r.ReadI64(); return true;
                case 3 when type == ThriftType.Struct: c.HasMetaData = true; ReadStruct(ref r, c, ColumnMetaDataField); return true;
                default: return false;
            }
        });

    private static bool ColumnMetaDataField(ref ThriftCompactReader r, ColumnChunkMetaData c, short id, byte type)
    {
        switch (id)
        {
            case 1 when type == ThriftType.I32: c.Type = r.ReadI32(); return true;
            case 2 when type == ThriftType.List: ReadScalarList(ref r, c.Encodings, ThriftType.I32, static (ref ThriftCompactReader r) => r.ReadI32()); return true;
            case 3 when type == ThriftType.List: ReadScalarList(ref r, c.PathInSchema, ThriftType.Binary, static (ref ThriftCompactReader r) => r.ReadString()); return true;
            case 4 when type == ThriftType.I32: c.Codec = r.ReadI32(); return true;
            case 5 when type == ThriftType.I64: c.NumValues = r.ReadI64(); return true;
            case 6 when type == ThriftType.I64: c.TotalUncompressedSize = r.ReadI64(); return true;
            case 7 when type == ThriftType.I64: c.TotalCompressedSize = r.ReadI64(); return true;
            case 9 when type == ThriftType.I64: c.DataPageOffset = r.ReadI64(); return true;
            case 11 when type == ThriftType.I64: c.DictionaryPageOffset = r.ReadI64(); return true;
            case 12 when type == ThriftType.Struct: c.Statistics = ReadStruct(ref r, new StatisticsData(), StatisticsField); return true;
            default: return false;
        }
    }

    private static bool StatisticsField(ref ThriftCompactReader r, StatisticsData s, short id, byte type)
    {
        switch (id)
        {
            case 1 when type == ThriftType.Binary: s.Max = r.ReadBinary().ToArray(); return true;
            case 2 when type == ThriftType.Binary: s.Min = r.ReadBinary().ToArray(); return true;
            case 3 when type == ThriftType.I64: s.NullCount = r.ReadI64(); return true;
            case 4 when type == ThriftType.I64: s.DistinctCount = r.ReadI64(); return true;
            case 5 when type == ThriftType.Binary: s.MaxValue = r.ReadBinary().ToArray(); return true;
            case 6 when type == ThriftType.Binary: s.MinValue = r.ReadBinary().ToArray(); return true;
            default: return false;
        }
    }

    private static KeyValuePair<string, string?> ReadKeyValue(ref ThriftCompactReader r)
    {
        var pair = ReadStruct(ref r, new string?[2], static (ref ThriftCompactReader r, string?[] kv, short id, byte type) =>
        {
            if (id is not (1 or 2) || type != ThriftType.Binary)
            {
                return false;
            }

            kv[id - 1] = r.ReadString();
            return true;
        });
        return new(pair[0] ?? "", pair[1]);
    }

    private static bool DataPageHeaderField(ref ThriftCompactReader r, PageHeader h, short id, byte type)
    {
        switch (id)
        {
            case 1 when type == ThriftType.I32: h.NumValues = r.ReadI32(); return true;
            case 2 when type == ThriftType.I32: h.Encoding = r.ReadI32(); return true;
            case 3 when type == ThriftType.I32: h.DefinitionLevelEncoding = r.ReadI32(); return true;
            case 4 when type == ThriftType.I32: h.RepetitionLevelEncoding = r.ReadI32(); return true;
            default: return false;
        }
    }

    private static bool DictionaryPageHeaderField(ref ThriftCompactReader r, PageHeader h, short id, byte type)
    {
        switch (id)
        {
            case 1 when type == ThriftType.I32: h.NumValues = r.ReadI32(); return true;
            case 2 when type == ThriftType.I32: h.Encoding = r.ReadI32(); return true;
            default: return false;
        }
    }

    private static bool DataPageHeaderV2Field(ref ThriftCompactReader r, PageHeader h, short id, byte type)
    {
        switch (id)
        {
            case 1 when type == ThriftType.I32: h.NumValues = r.ReadI32(); return true;
            case 2 when type == ThriftType.I32: h.NumNulls = r.ReadI32(); return true;
            case 3 when type == ThriftType.I32: h.NumRows = r.ReadI32(); return true;
            case 4 when type == ThriftType.I32: h.Encoding = r.ReadI32(); return true;
            case 5 when type == ThriftType.I32: h.DefinitionLevelsByteLength = r.ReadI32(); return true;
            case 6 when type == ThriftType.I32: h.RepetitionLevelsByteLength = r.ReadI32(); return true;
            case 7 when type is ThriftType.BoolTrue or ThriftType.BoolFalse: h.IsCompressed = ThriftCompactReader.BoolFromType(type); return true;
            default: return false;
        }
    }

    /// <summary>The footer's fields plus which required ones were present.</summary>
    private sealed class Footer
    {
        public FileMetaData Meta { get; } = new();
        public bool HasSchema { get; set; }
        public bool HasRowGroups { get; set; }
    }
}
