namespace Testbed.Servers.ParquetAdapter;

/// <summary>
/// One column of a file as <c>data cat</c> prints it. <paramref name="Type"/> is the logical type
/// (String, Int8, TimestampMillis, Decimal(9, 2), ...), <paramref name="PhysicalType"/> the stored one
/// (ByteArray, Int64, ...); <paramref name="Codec"/> and <paramref name="Encodings"/> come from the
/// first row group. <paramref name="Unsupported"/> says why the values cannot be printed (nested).
/// </summary>
internal sealed record ParquetColumnInfo(
    string Name,
    string Type,
    string PhysicalType,
    bool Nullable,
    string? Codec,
    IReadOnlyList<string> Encodings,
    string? Unsupported);
