using System.Globalization;

namespace Testbed.Views;

/// <summary>Figures as a person reads them: about four significant digits, never exponent notation.</summary>
internal static class ChartNumber
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

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^k at or above the value.</summary>
    public static double NiceMax(double value)
    {
        if (value <= 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value * (1 - 1e-12))
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
