using System.Globalization;
using System.Text.Json;

namespace Testbed.Suite.Experiments;

/// <summary>A step's <c>"generators"</c>: a whole number, or a <c>{param}</c> placeholder holding one.</summary>
internal static class GeneratorCount
{
    /// <summary>More processes than this on one machine measure the machine's scheduler, not the target.</summary>
    public const int Max = 16;

    /// <exception cref="InvalidDataException">Not a whole number 1..<see cref="Max"/>, or an unknown parameter.</exception>
    public static int Resolve(JsonElement? value, Func<string, string?> parameter)
    {
        if (value is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return 1;
        }

        var text = element.ValueKind switch
        {
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.String => element.GetString()!,
            _ => throw new InvalidDataException($"generators must be a number or a {{parameter}}, not {element.ValueKind}"),
        };
        var placeholder = ExperimentLoader.Placeholder().Match(text);
        if (placeholder.Success && placeholder.Value == text && !placeholder.Groups[2].Success)
        {
            text = parameter(placeholder.Groups[1].Value) ?? throw new InvalidDataException($"generators: unknown parameter '{text}'");
        }

        return Parse(text, "generators");
    }

    /// <summary>A count given on the command line or in a file; <paramref name="what"/> names it in the error.</summary>
    public static int Parse(string text, string what) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= Max
            ? n
            : throw new InvalidDataException($"{what} must be a whole number from 1 to {Max}, not '{text}'");
}
