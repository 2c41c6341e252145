namespace Testbed.Suite.Results;

/// <summary>The three outcomes of a claim, worded identically on the console and in both reports.</summary>
internal static class Verdicts
{
    public const string Reproduced = "reproduced";
    public const string NotReproduced = "not reproduced";
    public const string NotEvaluated = "not evaluated";
}
