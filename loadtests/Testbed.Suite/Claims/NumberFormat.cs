using System.Globalization;

namespace Testbed.Suite.Claims;

/// <summary>Figures as a person reads them: about four significant digits, never exponent notation.</summary>
internal static class NumberFormat
{
    public static string Short(double value)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var abs = Math.Abs(value);
        var format = abs >= 100 ? "0.#" : abs >= 10 ? "0.##" : abs >= 1 ? "0.###" : "0.####";
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }
}
