using Testbed.Parquet.Format;

namespace Testbed.Parquet.Reading;

/// <summary>Turns the flattened schema tree into leaf columns, and a field list into schema elements.</summary>
internal static class SchemaMapper
{
    public static List<ColumnDescriptor> Leaves(List<SchemaElement> schema)
    {
        if (schema.Count == 0)
        {
            throw new ParquetException("corrupt footer: empty schema");
        }

        var leaves = new List<ColumnDescriptor>();
        var pos = 1;
        var rootChildren = schema[0].NumChildren ?? 0;
        if (rootChildren < 0 || rootChildren > schema.Count)
        {
            throw new ParquetException($"corrupt schema: the root claims {rootChildren} children");
        }

        for (var i = 0; i < rootChildren; i++)
        {
            Walk(schema, ref pos, "", 0, 0, false, leaves, 1);
        }

        if (pos != schema.Count)
        {
            throw new ParquetException($"corrupt schema: {schema.Count - pos} elements are not reachable from the root");
        }

        return leaves;
    }

    private static void Walk(List<SchemaElement> schema, ref int pos, string prefix, int def, int rep, bool nested, List<ColumnDescriptor> leaves, int depth)
    {
        if (pos >= schema.Count)
        {
            throw new ParquetException("corrupt schema: a group claims more children than the schema holds");
        }

        if (depth > 64)
        {
            throw new ParquetException("corrupt schema: nested too deeply");
        }

        var e = schema[pos++];
        var path = prefix.Length == 0 ? e.Name : prefix + "." + e.Name;
        var repetition = e.RepetitionType ?? SchemaElement.Required;
        if (repetition == SchemaElement.Optional)
        {
            def++;
        }
        else if (repetition == SchemaElement.Repeated)
        {
            def++;
            rep++;
        }
        else if (repetition != SchemaElement.Required)
        {
            throw new ParquetException($"corrupt schema: column '{path}' has repetition type {repetition}");
        }

        if (e.NumChildren is { } children && (e.Type is null || children > 0))
        {
            if (children < 0 || children > schema.Count - pos)
            {
                throw new ParquetException($"corrupt schema: group '{path}' claims {children} children");
            }

            for (var i = 0; i < children; i++)
            {
                Walk(schema, ref pos, path, def, rep, true, leaves, depth + 1);
            }

            return;
        }

        if (e.Type is not { } physical || physical is < 0 or > 7)
        {
            throw new ParquetException($"corrupt schema: column '{path}' has no valid physical type");
        }

        var field = MapField(e, path, repetition == SchemaElement.Optional);
        string? unsupported = null;
        if (nested || rep > 0)
        {
            unsupported = $"column '{path}': nested or repeated columns are not supported (flat schemas only)";
        }

        leaves.Add(new ColumnDescriptor(leaves.Count, field with { Unsupported = unsupported }, path, def, rep));
    }

    private static ParquetField MapField(SchemaElement e, string path, bool nullable)
    {
        var physical = (ParquetPhysicalType)e.Type!.Value;
        var lt = e.LogicalType;
        var ct = e.ConvertedType;
        var typeLength = e.TypeLength ?? 0;
        if (physical == ParquetPhysicalType.FixedLenByteArray && (typeLength <= 0 || typeLength > 1 << 20))
        {
            throw new ParquetException($"corrupt schema: column '{path}' is FIXED_LEN_BYTE_ARRAY with length {typeLength}");
        }

        var precision = lt?.Kind == LogicalTypeAnnotation.Decimal ? lt.Precision : e.Precision ?? 0;
        var scale = lt?.Kind == LogicalTypeAnnotation.Decimal ? lt.Scale : e.Scale ?? 0;
        var isDecimal = lt?.Kind == LogicalTypeAnnotation.Decimal || (lt is null && ct == ConvertedType.Decimal);
        ParquetType type;
        if (isDecimal && physical is ParquetPhysicalType.Int32 or ParquetPhysicalType.Int64 or ParquetPhysicalType.FixedLenByteArray or ParquetPhysicalType.ByteArray)
        {
            if (scale < 0 || scale > 28 || precision <= 0 || scale > precision)
            {
                throw new ParquetException($"column '{path}': DECIMAL({precision}, {scale}) is not supported (scale 0..28)");
            }

            type = ParquetType.Decimal;
        }
        else
        {
            type = physical switch
            {
                ParquetPhysicalType.Boolean => ParquetType.Boolean,
                ParquetPhysicalType.Int32 => Int32Type(lt, ct),
                ParquetPhysicalType.Int64 => Int64Type(lt, ct),
                ParquetPhysicalType.Int96 => ParquetType.Int96,
                ParquetPhysicalType.Float => ParquetType.Float,
                ParquetPhysicalType.Double => ParquetType.Double,
                ParquetPhysicalType.ByteArray => lt?.Kind is LogicalTypeAnnotation.String or LogicalTypeAnnotation.Enum or LogicalTypeAnnotation.Json
                    || (lt is null && ct is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json)
                    ? ParquetType.String
                    : ParquetType.Binary,
                _ => ParquetType.FixedLenBinary,
            };
        }

        return new ParquetField(path, type, nullable)
        {
            PhysicalType = physical,
            TypeLength = physical == ParquetPhysicalType.FixedLenByteArray ? typeLength : 0,
            Precision = type == ParquetType.Decimal ? precision : 0,
            Scale = type == ParquetType.Decimal ? scale : 0,
        };
    }

    private static ParquetType Int32Type(LogicalTypeAnnotation? lt, int? ct)
    {
        if (lt is not null)
        {
            return lt.Kind switch
            {
                LogicalTypeAnnotation.Date => ParquetType.Date,
                LogicalTypeAnnotation.Integer => (lt.BitWidth, lt.IsSigned) switch
                {
                    (8, true) => ParquetType.Int8,
                    (16, true) => ParquetType.Int16,
                    (8, false) => ParquetType.UInt8,
                    (16, false) => ParquetType.UInt16,
                    (32, false) => ParquetType.UInt32,
                    _ => ParquetType.Int32,
                },
                _ => ParquetType.Int32,
            };
        }

        return ct switch
        {
            ConvertedType.Date => ParquetType.Date,
            ConvertedType.Int8 => ParquetType.Int8,
            ConvertedType.Int16 => ParquetType.Int16,
            ConvertedType.UInt8 => ParquetType.UInt8,
            ConvertedType.UInt16 => ParquetType.UInt16,
            ConvertedType.UInt32 => ParquetType.UInt32,
            _ => ParquetType.Int32,
        };
    }

    private static ParquetType Int64Type(LogicalTypeAnnotation? lt, int? ct)
    {
        if (lt is not null)
        {
            return lt.Kind switch
            {
                LogicalTypeAnnotation.Timestamp => lt.Unit switch
                {
                    LogicalTypeAnnotation.Millis => ParquetType.TimestampMillis,
                    LogicalTypeAnnotation.Micros => ParquetType.TimestampMicros,
                    LogicalTypeAnnotation.Nanos => ParquetType.TimestampNanos,
                    _ => ParquetType.Int64,
                },
                LogicalTypeAnnotation.Integer when lt is { BitWidth: 64, IsSigned: false } => ParquetType.UInt64,
                _ => ParquetType.Int64,
            };
        }

        return ct switch
        {
            ConvertedType.TimestampMillis => ParquetType.TimestampMillis,
            ConvertedType.TimestampMicros => ParquetType.TimestampMicros,
            ConvertedType.UInt64 => ParquetType.UInt64,
            _ => ParquetType.Int64,
        };
    }

    /// <summary>Schema element for writing a field (both the logical type and the legacy converted type).</summary>
    public static SchemaElement ToElement(ParquetField f)
    {
        var e = new SchemaElement
        {
            Name = f.Name,
            Type = (int)f.PhysicalType,
            RepetitionType = f.Nullable ? SchemaElement.Optional : SchemaElement.Required,
        };
        if (f.PhysicalType == ParquetPhysicalType.FixedLenByteArray)
        {
            e.TypeLength = f.TypeLength;
        }

        void Int(int converted, int bits, bool signed)
        {
            e.ConvertedType = converted;
            e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeAnnotation.Integer, BitWidth = bits, IsSigned = signed };
        }

        void Timestamp(int? converted, int unit)
        {
            e.ConvertedType = converted;
            e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeAnnotation.Timestamp, Unit = unit, IsAdjustedToUtc = true };
        }

        switch (f.Type)
        {
            case ParquetType.String:
                e.ConvertedType = ConvertedType.Utf8;
                e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeAnnotation.String };
                break;
            case ParquetType.Int8: Int(ConvertedType.Int8, 8, true); break;
            case ParquetType.Int16: Int(ConvertedType.Int16, 16, true); break;
            case ParquetType.UInt8: Int(ConvertedType.UInt8, 8, false); break;
            case ParquetType.UInt16: Int(ConvertedType.UInt16, 16, false); break;
            case ParquetType.UInt32: Int(ConvertedType.UInt32, 32, false); break;
            case ParquetType.UInt64: Int(ConvertedType.UInt64, 64, false); break;
            case ParquetType.Date:
                e.ConvertedType = ConvertedType.Date;
                e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeAnnotation.Date };
                break;
            case ParquetType.TimestampMillis: Timestamp(ConvertedType.TimestampMillis, LogicalTypeAnnotation.Millis); break;
            case ParquetType.TimestampMicros: Timestamp(ConvertedType.TimestampMicros, LogicalTypeAnnotation.Micros); break;
            case ParquetType.TimestampNanos: Timestamp(null, LogicalTypeAnnotation.Nanos); break;
            case ParquetType.Decimal:
                e.ConvertedType = ConvertedType.Decimal;
                e.Precision = f.Precision;
                e.Scale = f.Scale;
                e.LogicalType = new LogicalTypeAnnotation { Kind = LogicalTypeAnnotation.Decimal, Precision = f.Precision, Scale = f.Scale };
                break;
        }

        return e;
    }
}
