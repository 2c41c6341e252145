using System.Text.Json;
using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>
/// The record's <c>parameters</c>: an object of scalars whose order is the profile's, written and read
/// without reflection (an <c>object</c> value would need it). Integers read back as long, other
/// numbers as double; a value of any other type is written as its string.
/// </summary>
internal sealed class RunParametersConverter : JsonConverter<IReadOnlyList<KeyValuePair<string, object?>>>
{
    public override IReadOnlyList<KeyValuePair<string, object?>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("parameters: not an object");
        var parameters = new List<KeyValuePair<string, object?>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            object? value = reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.Number when reader.TryGetInt64(out long l) => l,
                JsonTokenType.Number => reader.GetDouble(),
                JsonTokenType.String => reader.GetString(),
                _ => Raw(ref reader),
            };
            parameters.Add(new(name, value));
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("parameters: not an object");
        return parameters;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, object?>> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, v) in value)
        {
            switch (v)
            {
                case null: writer.WriteNull(key); break;
                case bool b: writer.WriteBoolean(key, b); break;
                case int i: writer.WriteNumber(key, i); break;
                case long l: writer.WriteNumber(key, l); break;
                case double d: writer.WriteNumber(key, d); break;
                default: writer.WriteString(key, v.ToString()); break;
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>An object or array where a scalar belongs: kept as its JSON text rather than refused.</summary>
    private static string Raw(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}
