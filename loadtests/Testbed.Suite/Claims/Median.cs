namespace Testbed.Suite.Claims;

/// <summary>
/// The one median of the suite: a step's metric over its runs, <c>paired(a, b)</c> over its rounds,
/// a report's repeat column. It lives with the claim language, the lowest layer that needs it, so
/// that the measured figures (which use the claims' number format) and the claims never depend on each other.
/// </summary>
internal static class Median
{
    /// <summary>The median of values sorted ascending (the mean of the middle two for an even count), NaN for none.</summary>
    public static double Of(IReadOnlyList<double> sorted) =>
        sorted.Count == 0 ? double.NaN
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
