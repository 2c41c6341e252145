namespace Testbed.Suite.Results;

/// <summary>A claim's verdict with the numbers behind it (<see cref="Detail"/>).</summary>
internal sealed record ClaimResult(string Experiment, string Id, string Text, string Expr, string Verdict, string Detail);
