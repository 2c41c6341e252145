using System.Text.Json;

namespace Testbed.Suite.Verification;

/// <summary>
/// Compares two JSON values semantically: objects by key regardless of order, arrays in order,
/// numbers by value (1.0 equals 1, 0.1 written two ways equals itself). Returns the path of the
/// first difference, or null when equal. Serializers differ in number formatting and key order;
/// the data must not.
/// </summary>
internal static class JsonEquivalence
{
    private const double RelativeTolerance = 1e-9;

    public static string? FirstDifference(JsonElement a, JsonElement b, string path = "$")
    {
        if (a.ValueKind != b.ValueKind && !(IsBool(a) && IsBool(b)))
        {
            return $"{path}: {a.ValueKind} vs {b.ValueKind}";
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var left = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                var right = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                foreach (var key in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
                {
                    if (!left.TryGetValue(key, out var l) || !right.TryGetValue(key, out var r))
                    {
                        return $"{path}.{key}: present in only one answer";
                    }

                    if (FirstDifference(l, r, $"{path}.{key}") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            }

            case JsonValueKind.Array:
            {
                var l = a.EnumerateArray().ToList();
                var r = b.EnumerateArray().ToList();
                if (l.Count != r.Count)
                {
                    return $"{path}: {l.Count} items vs {r.Count}";
                }

                for (var i = 0; i < l.Count; i++)
                {
                    if (FirstDifference(l[i], r[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            }

            case JsonValueKind.Number:
            {
                var x = a.GetDouble();
                var y = b.GetDouble();
                return Math.Abs(x - y) <= RelativeTolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))) ? null : $"{path}: {a.GetRawText()} vs {b.GetRawText()}";
            }

            case JsonValueKind.String:
                return a.GetString() == b.GetString() ? null : $"{path}: \"{a.GetString()}\" vs \"{b.GetString()}\"";
            default:
                return a.ValueKind == b.ValueKind ? null : $"{path}: {a.ValueKind} vs {b.ValueKind}";
        }
    }

    private static bool IsBool(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;
}
