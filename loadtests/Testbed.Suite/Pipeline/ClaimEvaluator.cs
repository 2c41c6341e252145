using Testbed.Suite.Claims;
using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Grades an experiment from its metric table, after its loads (or its failure): each claim's
/// verdict with the figures it read, each analytic expectation against its measured value, and each
/// figure the source reported beside ours. A claim that cannot be evaluated (a failed experiment, a
/// missing metric) is "not evaluated" with the reason, never a verdict.
/// </summary>
internal static class ClaimEvaluator
{
    public static void Evaluate(ExperimentPlan plan, ExperimentResult result, MetricTable table)
    {
        var spoiled = result.Steps.Where(s => s.NotEvaluated is not null).ToDictionary(s => s.Name, s => s.NotEvaluated!);
        foreach (var claim in plan.File.Claims)
        {
            var trace = new EvaluationTrace();
            string verdict;
            string detail;
            if ((Unmet(claim.When, table) ?? SpoiledBy(claim.Expr, spoiled)) is { } reason)
            {
                result.Claims.Add(new ClaimResult(plan.File.Id, claim.Id, claim.Text, claim.Expr, Verdicts.NotEvaluated, reason));
                continue;
            }

            try
            {
                verdict = ClaimExpression.Parse(claim.Expr).EvaluateCondition(table, trace) ? Verdicts.Reproduced : Verdicts.NotReproduced;
                detail = trace.Describe();
            }
            catch (ExpressionException e)
            {
                verdict = Verdicts.NotEvaluated;
                detail = result.Status == ExperimentStatuses.Failed ? $"experiment failed: {result.FailureReason}" : e.Message;
            }

            result.Claims.Add(new ClaimResult(plan.File.Id, claim.Id, claim.Text, claim.Expr, verdict, detail));
        }

        foreach (var expectation in plan.File.Expectations)
        {
            if ((SpoiledBy(expectation.Expr, spoiled) ?? SpoiledBy(expectation.Measured, spoiled)) is { } reason)
            {
                result.Expectations.Add(new ExpectationResult(expectation.Text, expectation.Expr, expectation.Measured, double.NaN, double.NaN, double.NaN, expectation.Unit, reason));
                continue;
            }

            try
            {
                var expected = ClaimExpression.Parse(expectation.Expr).EvaluateNumber(table, new EvaluationTrace());
                var measured = ClaimExpression.Parse(expectation.Measured).EvaluateNumber(table, new EvaluationTrace());
                result.Expectations.Add(new ExpectationResult(expectation.Text, expectation.Expr, expectation.Measured, expected, measured, expected == 0 ? double.NaN : measured / expected, expectation.Unit, null));
            }
            catch (ExpressionException e)
            {
                result.Expectations.Add(new ExpectationResult(expectation.Text, expectation.Expr, expectation.Measured, double.NaN, double.NaN, double.NaN, expectation.Unit, e.Message));
            }
        }

        foreach (var figure in plan.File.Reported)
        {
            double? measured = figure.Step is not null && !spoiled.ContainsKey(figure.Step) && figure.Metric is not null && table.TryGet(figure.Step, figure.Metric, out var value) ? value : null;
            result.Figures.Add(new FigureResult(figure.Label, figure.Unit, figure.Value, figure.Text, measured));
        }
    }

    /// <summary>Why the set-up does not meet a claim's precondition (with the figures read), or null when it does.</summary>
    private static string? Unmet(string? when, MetricTable table)
    {
        if (when is null)
        {
            return null;
        }

        var trace = new EvaluationTrace();
        try
        {
            return ClaimExpression.Parse(when).EvaluateCondition(table, trace) ? null : $"not evaluated: the set-up does not meet {when} ({trace.Describe()})";
        }
        catch (ExpressionException e)
        {
            return $"not evaluated: precondition {when}: {e.Message}";
        }
    }

    /// <summary>The reason of the first not-evaluated step the expression reads, or null.</summary>
    private static string? SpoiledBy(string expr, Dictionary<string, string> spoiled) =>
        ClaimExpression.Parse(expr).References.Select(r => r.Split('.')[0]).Where(spoiled.ContainsKey).Select(step => spoiled[step]).FirstOrDefault();
}
