using System.Globalization;
using System.Text;
using System.Text.Json;
using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Data;

/// <summary>Renders a Parquet file's schema and rows as CSV or JSON (invariant culture, round-trip numbers).</summary>
internal static class ParquetTextWriter
{
    public static void WriteCsv(ParquetTable table, TextWriter output, string name)
    {
        output.WriteLine($"# file: {name}, rows: {table.RowCount}, row groups: {table.RowGroupCount}, created by: {table.CreatedBy ?? "-"}");
        foreach (var column in table.Columns)
        {
            var layout = column.Codec is null ? "" : $" {column.Codec} {string.Join("/", column.Encodings)}";
            output.WriteLine($"# {column.Name}: {Describe(column)}{layout}");
        }

        var columns = table.Values;
        var rows = columns.Length == 0 ? 0 : columns[0].Length;
        output.WriteLine(string.Join(",", table.Columns.Select(f => Quote(f.Name))));
        var line = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            line.Clear();
            for (var c = 0; c < columns.Length; c++)
            {
                if (c > 0)
                {
                    line.Append(',');
                }

                var v = columns[c][r];
                if (v is not null)
                {
                    line.Append(Quote(Text(v)));
                }
            }

            output.WriteLine(line);
        }
    }

    public static void WriteJson(ParquetTable table, TextWriter output, string name)
    {
        var columns = table.Values;
        var rows = columns.Length == 0 ? 0 : columns[0].Length;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("file", name);
            json.WriteNumber("rows", table.RowCount);
            json.WriteString("createdBy", table.CreatedBy);
            json.WriteStartArray("schema");
            foreach (var f in table.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", f.Name);
                json.WriteString("type", f.Type);
                json.WriteString("physicalType", f.PhysicalType);
                json.WriteBoolean("nullable", f.Nullable);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("data");
            for (var r = 0; r < rows; r++)
            {
                json.WriteStartObject();
                for (var c = 0; c < columns.Length; c++)
                {
                    var key = table.Columns[c].Name;
                    switch (columns[c][r])
                    {
                        case null: json.WriteNull(key); break;
                        case bool b: json.WriteBoolean(key, b); break;
                        case double d when double.IsFinite(d): json.WriteNumber(key, d); break;
                        case float f when float.IsFinite(f): json.WriteNumber(key, f); break;
                        case int or long or short or sbyte or byte or ushort or uint or ulong or decimal:
                            json.WritePropertyName(key);
                            json.WriteRawValue(Text(columns[c][r]!));
                            break;
                        case var v: json.WriteString(key, Text(v)); break;
                    }
                }

                json.WriteEndObject();
                if (stream.Length > 1 << 20)
                {
                    json.Flush();
                    output.Write(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
                    stream.SetLength(0);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        output.WriteLine();
    }

    /// <summary>A value as text: ISO dates, round-trip numbers, UTF-8 text for binary when printable, else 0x-hex.</summary>
    public static string Text(object v) => v switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => Printable(bytes) ?? "0x" + Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Describe(ParquetColumnInfo f) =>
        $"{f.Type} ({f.PhysicalType}, {(f.Nullable ? "optional" : "required")})" + (f.Unsupported is null ? "" : $" [not readable: {f.Unsupported}]");

    private static string? Printable(byte[] bytes)
    {
        try
        {
            var s = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return s.All(ch => !char.IsControl(ch)) ? s : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // An empty string is written "" so that it differs from a null (nothing between the commas).
    private static string Quote(string s) =>
        s.Length > 0 && s.AsSpan().IndexOfAny(",\"\n\r#") < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
