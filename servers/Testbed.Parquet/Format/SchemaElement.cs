namespace Testbed.Parquet.Format;

/// <summary>parquet.thrift SchemaElement.</summary>
internal sealed class SchemaElement
{
    public int? Type { get; set; }
    public int? TypeLength { get; set; }
    public int? RepetitionType { get; set; }
    public string Name { get; set; } = "";
    public int? NumChildren { get; set; }
    public int? ConvertedType { get; set; }
    public int? Scale { get; set; }
    public int? Precision { get; set; }
    public LogicalTypeAnnotation? LogicalType { get; set; }

    public const int Required = 0;
    public const int Optional = 1;
    public const int Repeated = 2;
}
