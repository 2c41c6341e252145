using System.Globalization;

namespace Testbed.Proxy.Configuration;

/// <summary>
/// Durations on the command line: a number of seconds ("2", "0.5") or a number with a unit
/// ("250ms", "2s", "1m"), so that tests can ask for sub-second health intervals.
/// </summary>
internal static class DurationParser
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var s = text.Trim().ToLowerInvariant();
        double factorMs;
        if (s.EndsWith("ms", StringComparison.Ordinal)) { factorMs = 1; s = s[..^2]; }
        else if (s.EndsWith('s')) { factorMs = 1000; s = s[..^1]; }
        else if (s.EndsWith('m')) { factorMs = 60_000; s = s[..^1]; }
        else { factorMs = 1000; }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || double.IsNaN(number) || double.IsInfinity(number) || number < 0 || number * factorMs > int.MaxValue)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(number * factorMs);
        return true;
    }

    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds % 1000 == 0
            ? $"{value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"
            : $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
}
