namespace Testbed.Parquet.Format;

/// <summary>parquet.thrift LogicalType union, flattened: <see cref="Kind"/> is the union's field id.</summary>
internal sealed class LogicalTypeAnnotation
{
    public const int String = 1;
    public const int Map = 2;
    public const int List = 3;
    public const int Enum = 4;
    public const int Decimal = 5;
    public const int Date = 6;
    public const int Time = 7;
    public const int Timestamp = 8;
    public const int Integer = 10;
    public const int Unknown = 11;
    public const int Json = 12;

    public const int Millis = 1;
    public const int Micros = 2;
    public const int Nanos = 3;

    public int Kind { get; set; }
    public int Scale { get; set; }
    public int Precision { get; set; }
    public bool IsAdjustedToUtc { get; set; }
    public int Unit { get; set; }
    public int BitWidth { get; set; }
    public bool IsSigned { get; set; } = true;
}
