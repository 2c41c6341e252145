namespace Testbed.Suite.Claims;

/// <summary>Figures as a person reads them: about four significant digits, never exponent notation (the charts' format).</summary>
internal static class NumberFormat
{
    public static string Short(double value) => Testbed.Views.ChartNumber.Short(value);

    /// <summary>A duration as the console and the reports print it: "7s", "3m05s".</summary>
    public static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s" : $"{span.Seconds}s";
    }
}
