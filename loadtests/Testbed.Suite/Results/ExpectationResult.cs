namespace Testbed.Suite.Results;

/// <summary>An analytic expectation beside the measured figure; Ratio = measured / expected.</summary>
internal sealed record ExpectationResult(string Text, string Expr, string MeasuredExpr, double Expected, double Measured, double Ratio, string Unit, string? Error);
