using Testbed.Suite.Claims;
using Testbed.Suite.Experiments;
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
    /// <param name="failure">Why the experiment failed (a claim that cannot be evaluated then says so), or null.</param>
    public static GradingOutcome Evaluate(ExperimentFile file, IReadOnlyList<StepResult> steps, string? failure, MetricTable table)
    {
        var claims = new List<ClaimResult>();
        var expectations = new List<ExpectationResult>();
        var figures = new List<FigureResult>();
        var spoiled = steps.Where(s => s.NotEvaluated is not null).ToDictionary(s => s.Name, s => s.NotEvaluated!);
        foreach (var claim in file.Claims)
        {
            var trace = new EvaluationTrace();
            string verdict;
            string detail;
            if ((Unmet(claim.When, table) ?? SpoiledBy(claim.Expr, spoiled)) is { } reason)
            {
                claims.Add(new ClaimResult(file.Id, claim.Id, claim.Text, claim.Expr, Verdicts.NotEvaluated, reason));
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
                detail = failure is not null ? $"experiment failed: {failure}" : e.Message;
            }

            claims.Add(new ClaimResult(file.Id, claim.Id, claim.Text, claim.Expr, verdict, detail));
        }

        foreach (var expectation in file.Expectations)
        {
            if ((SpoiledBy(expectation.Expr, spoiled) ?? SpoiledBy(expectation.Measured, spoiled)) is { } reason)
            {
                expectations.Add(new ExpectationResult(expectation.Text, expectation.Expr, expectation.Measured, double.NaN, double.NaN, double.NaN, expectation.Unit, reason));
                continue;
            }

            try
            {
                var expected = ClaimExpression.Parse(expectation.Expr).EvaluateNumber(table, new EvaluationTrace());
                var measured = ClaimExpression.Parse(expectation.Measured).EvaluateNumber(table, new EvaluationTrace());
                expectations.Add(new ExpectationResult(expectation.Text, expectation.Expr, expectation.Measured, expected, measured, expected == 0 ? double.NaN : measured / expected, expectation.Unit, null));
            }
            catch (ExpressionException e)
            {
                expectations.Add(new ExpectationResult(expectation.Text, expectation.Expr, expectation.Measured, double.NaN, double.NaN, double.NaN, expectation.Unit, e.Message));
            }
        }

        foreach (var figure in file.Reported)
        {
            double? measured = figure.Step is not null && !spoiled.ContainsKey(figure.Step) && figure.Metric is not null && table.TryGet(figure.Step, figure.Metric, out var value) ? value : null;
            figures.Add(new FigureResult(figure.Label, figure.Unit, figure.Value, figure.Text, measured));
        }

        return new GradingOutcome(claims, expectations, figures);
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
