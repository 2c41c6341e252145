using System.Text.Json;

namespace Testbed.Contracts;

/// <summary>Reads and writes run records: the one place that checks the schema name.</summary>
internal static class RunRecordJson
{
    /// <exception cref="InvalidDataException">Not JSON ("not JSON"), another schema ("not a run record"), or a record that lacks a required field or holds one of the wrong type ("not a whole run record").</exception>
    public static RunRecordDocument Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            string? schema = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : null;
            if (schema != RunRecordSchema.Name)
                throw new InvalidDataException($"not a run record (schema '{schema ?? "none"}', expected '{RunRecordSchema.Name}')");
            try
            {
                return root.Deserialize(RunRecordJsonContext.Default.RunRecordDocument)
                    ?? throw new InvalidDataException("not a whole run record (null)");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"not a whole run record ({e.Message})", e);
            }
        }
    }

    public static RunRecordDocument Read(string path) => Parse(File.ReadAllText(path));

    public static void Write(Stream stream, RunRecordDocument record) =>
        JsonSerializer.Serialize(stream, record, RunRecordJsonContext.Default.RunRecordDocument);

    public static string Serialize(RunRecordDocument record) =>
        JsonSerializer.Serialize(record, RunRecordJsonContext.Default.RunRecordDocument);
}
