using System.Globalization;
using Testbed.Common;

namespace Testbed.Views;

/// <summary>
/// What both compare commands do once the figures are known: print them, write compare.md and
/// compare.html (an --out that cannot be written is a usage error, exit 2), and with <c>--fail-on-worse PCT</c> exit 1 when a figure is worse by more than PCT.
/// </summary>
internal static class CompareGate
{
    public const double DefaultNoisePercent = 5;

    public static int Finish(Comparison c, string outDirectory, double? failOnWorse, TextWriter stdout, TextWriter stderr, string program)
    {
        string md, html;
        try
        {
            (md, html) = ComparisonWriter.WriteFiles(c, outDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out {outDirectory}: {e.Message}");
        }

        stdout.Write(ComparisonWriter.Text(c));
        stdout.WriteLine($"wrote {md} and {html}");
        if (failOnWorse is not { } limit)
        {
            return 0;
        }

        var worse = c.WorseThan(limit);
        if (worse.Count == 0)
        {
            return 0;
        }

        stderr.WriteLine($"{program}: {worse.Count} figure(s) worse by more than {limit.ToString("0.##", CultureInfo.InvariantCulture)}%: " +
            string.Join(", ", worse.Select(f => $"{(f.Group.Length > 0 ? f.Group + " " : "")}{f.Name} {f.WorsePercent.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)}%")));
        return 1;
    }

    /// <summary>Checks a percentage option: a number of at least zero.</summary>
    public static string? Invalid(string option, double? value) =>
        value is { } v && (double.IsNaN(v) || v < 0) ? $"{option}: must be a percentage of at least 0, got {v.ToString(CultureInfo.InvariantCulture)}" : null;
}
