using System.Globalization;
using Testbed.Common;
using Testbed.Load.Engine;

namespace Testbed.Load.Commands;

/// <summary>Parsers for the text forms of durations, wait ranges and headers; bad input is a <see cref="UsageException"/>.</summary>
internal static class ValueParsers
{
    /// <summary>"10", "10s", "1.5s", "500ms", "2m", "1h". A bare number is in <paramref name="bareUnit"/>.</summary>
    public static TimeSpan Duration(string text, string option, TimeSpan bareUnit)
    {
        string t = text.Trim().ToLowerInvariant();
        (string number, TimeSpan unit) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.Ordinal) => (t[..^2], TimeSpan.FromMilliseconds(1)),
            _ when t.EndsWith('s') => (t[..^1], TimeSpan.FromSeconds(1)),
            _ when t.EndsWith('m') => (t[..^1], TimeSpan.FromMinutes(1)),
            _ when t.EndsWith('h') => (t[..^1], TimeSpan.FromHours(1)),
            _ => (t, bareUnit),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || double.IsNaN(value) || double.IsInfinity(value))
            throw new UsageException($"{option}: '{text}' is not a duration (e.g. 10, 10s, 500ms, 2m)");
        if (value < 0) throw new UsageException($"{option}: must not be negative, got '{text}'");
        return TimeSpan.FromTicks((long)(value * unit.Ticks));
    }

    /// <summary>"MIN-MAX" (bare numbers in milliseconds, or with units: "1s-3s") or a single value.</summary>
    public static (TimeSpan Min, TimeSpan Max) WaitRange(string text, string option)
    {
        string[] parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        var min = Duration(parts[0], option, TimeSpan.FromMilliseconds(1));
        var max = parts.Length == 2 ? Duration(parts[1], option, TimeSpan.FromMilliseconds(1)) : min;
        if (max < min) throw new UsageException($"{option}: MIN must not exceed MAX in '{text}'");
        return (min, max);
    }

    /// <summary>"Name: value" as ab and curl take it.</summary>
    public static (string Name, string Value) Header(string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0) throw new UsageException($"-H: expected \"Name: value\", got '{text}'");
        string name = text[..colon].Trim();
        if (name.Any(ch => ch <= ' ' || ch >= 127))
            throw new UsageException($"-H: invalid header name '{name}'");
        return (name, text[(colon + 1)..].Trim());
    }

    /// <summary>"I/N": generator I (1 ≤ I ≤ N) of N. Bare digits only, so "1/2x" or " 1/2" are not taken for something else.</summary>
    public static Segment Segment(string text, string option)
    {
        string[] parts = text.Split('/');
        if (parts.Length != 2 || !IsDigits(parts[0]) || !IsDigits(parts[1])
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw new UsageException($"{option}: expected I/N (generator I of N, e.g. 1/4), got '{text}'");
        if (count < 1) throw new UsageException($"{option}: N must be at least 1, got '{text}'");
        if (index < 1 || index > count) throw new UsageException($"{option}: I must be between 1 and N, got '{text}'");
        return new Segment(index, count);
    }

    /// <summary>A segment whose share of <paramref name="total"/> is empty would run nothing: refused before the run.</summary>
    public static void NonEmptyShare(Segment segment, long total, string what)
    {
        if (segment.ShareOf(total) == 0)
            throw new UsageException($"--segment {segment}: {what} {total} leaves generator {segment.Index} nothing (needs at least {segment.Count})");
    }

    private static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    public static void Positive(long value, string option)
    {
        if (value <= 0) throw new UsageException($"{option}: must be positive, got {value}");
    }

    public static void NotNegative(double value, string option)
    {
        if (value < 0 || double.IsNaN(value)) throw new UsageException($"{option}: must not be negative, got {value.ToString(CultureInfo.InvariantCulture)}");
    }
}
