namespace Testbed.Suite.Claims;

/// <summary>Figures as a person reads them: about four significant digits, never exponent notation (the charts' format).</summary>
internal static class NumberFormat
{
    public static string Short(double value) => Testbed.Views.ChartNumber.Short(value);
}
