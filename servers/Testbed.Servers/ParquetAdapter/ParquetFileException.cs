namespace Testbed.Servers.ParquetAdapter;

/// <summary>
/// A Parquet file that cannot be read, as one line naming the file and, where known, the column.
/// Parquet.Net fails on damaged input with many exception types (I/O, index, argument, Thrift,
/// not-supported); the adapter turns each into this one, so callers print it or answer 500 with it.
/// </summary>
internal sealed class ParquetFileException(string file, string? column, string reason, Exception? inner = null)
    : Exception(Describe(file, column, reason), inner)
{
    public string File { get; } = file;

    public string? Column { get; } = column;

    private static string Describe(string file, string? column, string reason)
    {
        // Parquet.Net messages sometimes span lines; the contract is one line.
        var text = string.Join(' ', reason.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return column is null ? $"{file}: {text}" : $"{file}: column {column}: {text}";
    }
}
