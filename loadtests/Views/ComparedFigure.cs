namespace Testbed.Views;

/// <summary>
/// One figure of two runs side by side. The change counts as noise while its size stays within
/// <see cref="NoisePercent"/> (the spread of repeated runs where there are some, else a default).
/// </summary>
internal sealed record ComparedFigure(string Group, string Name, string Unit, double Base, double New, bool HigherIsBetter, double NoisePercent)
{
    public const string Better = "better";
    public const string Worse = "worse";
    public const string WithinNoise = "within noise";
    public const string NotCompared = "n/a";

    /// <summary>(new − base) / base in percent; ±∞ when the base is zero and the new figure is not, NaN when either is missing.</summary>
    public double ChangePercent => double.IsNaN(Base) || double.IsNaN(New) ? double.NaN
        : Base == 0 ? (New == 0 ? 0 : Math.Sign(New) * double.PositiveInfinity)
        : (New - Base) / Math.Abs(Base) * 100;

    /// <summary>How much worse in percent (negative when better), whichever direction is worse for this figure.</summary>
    public double WorsePercent => HigherIsBetter ? -ChangePercent : ChangePercent;

    public string Verdict => double.IsNaN(ChangePercent) ? NotCompared
        : Math.Abs(ChangePercent) <= NoisePercent ? WithinNoise
        : WorsePercent > 0 ? Worse : Better;
}
