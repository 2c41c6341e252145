using Testbed.Suite.Claims;
using Testbed.Suite.Launch;
using Testbed.Suite.Results;
using Testbed.Suite.Measurement;

namespace Testbed.Suite.Reports;

/// <summary>Wording and figures shared by the console, Markdown and HTML reports, so the three agree.</summary>
internal static class ReportText
{
    /// <summary>The per-step columns of the loads table: metric, heading.</summary>
    public static readonly (string Metric, string Heading)[] StepColumns =
    [
        ("rps", "req/s"), ("mean", "mean ms"), ("p50", "p50 ms"), ("p95", "p95 ms"), ("p99", "p99 ms"), ("max", "max ms"),
        ("completed", "ok"), ("failed", "failed"), ("non2xx", "non-2xx"),
        ("cpuMs", "server CPU ms"), ("cpuMsPerRequest", "CPU ms/req"), ("throttledMs", "throttled ms"),
    ];

    public static string Figure(double? value) => value is { } v ? NumberFormat.Short(v) : "—";

    public static string Metric(StepResult step, string metric) =>
        step.Metrics.TryGetValue(metric, out var value) && !double.IsNaN(value) ? NumberFormat.Short(value) : "—";

    /// <summary>Why a step has no figures to show: its load broke, or a role died under it; null when it ran.</summary>
    public static string? StepProblem(StepResult step) => step.Error is not null ? $"error: {step.Error}" : step.NotEvaluated;

    /// <summary>
    /// A step measured more than once: " (median of 3 runs, interleaved with the other steps: 98, 100, 110 req/s,
    /// spread ±6%; CPU ms/req 0.12, 0.12, 0.13, spread ±4%)"; empty for one run.
    /// </summary>
    public static string Runs(StepResult step)
    {
        if (step.RepeatRps.Count < 2)
        {
            return "";
        }

        var how = step.Interleaved ? ", interleaved with the other steps" : "";
        var cpu = step.RepeatCpuMsPerRequest.Any(v => !double.IsNaN(v))
            ? $"; CPU ms/req {string.Join(", ", step.RepeatCpuMsPerRequest.Select(NumberFormat.Short))}{Spread(step.RepeatCpuMsPerRequest)}"
            : "";
        return $" (median of {step.RepeatRps.Count} runs{how}: {string.Join(", ", step.RepeatRps.Select(NumberFormat.Short))} req/s{Spread(step.RepeatRps)}{cpu})";
    }

    /// <summary>", spread ±6%": half the range of the runs over their median.</summary>
    private static string Spread(IReadOnlyList<double> runs)
    {
        var known = runs.Where(v => !double.IsNaN(v)).Order().ToList();
        var median = Median.Of(known);
        return median > 0 ? $", spread ±{NumberFormat.Short(100 * (known[^1] - known[0]) / 2 / median)}%" : "";
    }

    public static string Heading(ExperimentResult e) => $"{e.Id.ToUpperInvariant()} {e.Name} — {e.Title}";

    public static string Parameters(ExperimentResult e) =>
        string.Join(", ", e.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    public static string Status(ExperimentResult e) =>
        e.Status == ExperimentStatuses.Ran ? $"ran in {NumberFormat.Duration(e.DurationSeconds)}" : $"FAILED: {e.FailureReason}";

    /// <summary>"0.05 core (cgroup v1 …); in force: …", or "limit not in force" when it was not applied or the role used more.</summary>
    public static string CpuLimit(RoleResult role)
    {
        if (role.Cpus is not { } cpus)
        {
            return "unlimited";
        }

        var limit = $"{NumberFormat.Short(cpus)} core";
        if (role.LimitMethod == CpuLimitMethods.None)
        {
            return $"{limit}: limit not in force (not applied)";
        }

        return role.LimitCheck is null ? $"{limit} ({role.LimitMethod})" : $"{limit} ({role.LimitMethod}); {role.LimitCheck}";
    }

    public static string Totals(SuiteResult suite)
    {
        var claims = suite.AllClaims.ToList();
        var failed = suite.Experiments.Where(e => e.Status == ExperimentStatuses.Failed).Select(e => e.Id).ToList();
        var text = $"{claims.Count(c => c.Verdict == Verdicts.Reproduced)} of {claims.Count} claims reproduced, "
            + $"{claims.Count(c => c.Verdict == Verdicts.NotReproduced)} not reproduced, {claims.Count(c => c.Verdict == Verdicts.NotEvaluated)} not evaluated";
        return failed.Count == 0 ? text + "; every experiment ran." : text + $"; experiments that failed: {string.Join(", ", failed)}.";
    }

    /// <summary>
    /// Each measured role's CPU during the step (crank's per-job cost), total and per request, e.g.
    /// "lb 120 ms CPU, 0.04 ms CPU per request; backend 180 ms CPU, 0.06 ms CPU per request, 40 ms throttled":
    /// the per-request figure is what a balancer costs, comparable across loads of any length.
    /// </summary>
    public static string Costs(StepResult step)
    {
        var parts = step.Costs.Where(c => !double.IsNaN(c.CpuMs)).Select(c =>
            $"{c.Role} {NumberFormat.Short(c.CpuMs)} ms CPU"
            + (step.Metrics.TryGetValue($"{c.Role}.cpuMsPerRequest", out var perRequest) && !double.IsNaN(perRequest)
                ? $", {NumberFormat.Short(perRequest)} ms CPU per request" : "")
            + (double.IsNaN(c.ThrottledMs) ? "" : $", {NumberFormat.Short(c.ThrottledMs)} ms throttled"));
        var text = string.Join("; ", parts);
        // No reading at all (roles elsewhere: compose services, a cluster's records) is unknown, not free.
        return text.Length > 0 ? $" — server cost: {text}" : step.Metrics.Count > 0 ? " — server cost: not measured" : "";
    }

    /// <summary>
    /// A capacity search's answer as testbed-load words it ("capacity 360–420 req/s at p99&lt;500ms"),
    /// with its probes, time and why it stopped; the rest of the step's figures are the probe at the
    /// answer. Empty for other steps.
    /// </summary>
    public static string Capacity(CapacityDocument? capacity)
    {
        if (capacity is null)
        {
            return "";
        }

        var (low, high) = (capacity.Bracket.Low, capacity.Bracket.High);
        var answer = (low, high) switch
        {
            ({ } l, { } h) => $"capacity {NumberFormat.Short(l)}–{NumberFormat.Short(h)} req/s",
            ({ } l, null) => $"capacity ≥ {NumberFormat.Short(l)} req/s",
            (null, { } h) => $"capacity < {NumberFormat.Short(h)} req/s",
            _ => "capacity unknown",
        };
        return $"{answer} at {capacity.Slo} ({capacity.Probes.Count} probes in {NumberFormat.Short(capacity.SearchSeconds)} s, stopped: {capacity.Stop}; figures of the probe at the answer)";
    }

    /// <summary>
    /// Each generator's own cost: CPU while the load ran (and with the process's start-up), CPU per
    /// request and the share of a core it used over the load (pinned generators: of the core
    /// named), so a reader sees whether a generator was the limit.
    /// </summary>
    public static string Generators(IReadOnlyList<GeneratorCost> generators)
    {
        var known = generators.Where(g => !double.IsNaN(g.CpuMs)).ToList();
        if (known.Count == 0)
        {
            return "";
        }

        var parts = known.Select(g => (generators.Count > 1 ? g.Segment + " " : "")
            + $"{NumberFormat.Short(g.CpuMs)} ms CPU"
            + (double.IsNaN(g.ProcessCpuMs) || g.ProcessCpuMs == g.CpuMs ? "" : $" ({NumberFormat.Short(g.ProcessCpuMs)} ms with start-up)")
            + $", {NumberFormat.Short(g.CpuMsPerRequest)} ms/req, {NumberFormat.Short(g.Cores)} of a core"
            + (g.PinnedTo is null ? "" : $" (core {g.PinnedTo})"));
        return (generators.Count > 1 ? $" — {generators.Count} generators: " : " — generator: ") + string.Join("; ", parts);
    }

    public static string SourceAndStatus(ExperimentResult e)
    {
        var source = e.Source.Length > 0 ? $"Source: {e.Source}. " : "";
        var parameters = e.Parameters.Count > 0 ? $" Parameters ({e.Mode}): {Parameters(e)}." : "";
        return $"{source}Status: {Status(e)}.{parameters}";
    }

    /// <summary>"slots — single: 1 of 1 slots busy …; Little's law: … (ok)": a step's limit and its one line of evidence.</summary>
    public static string Limit(StepLimit limit)
    {
        var law = limit.LittleLaw is { } l
            ? $"; Little's law ({l.Basis}): expected {NumberFormat.Short(l.Expected)}, measured {NumberFormat.Short(l.Measured)}, {(l.Ok ? "ok" : "DISAGREES: flagged, not trusted")}"
            : "";
        return $"{limit.Kind} — {limit.Evidence}{law}";
    }

    /// <summary>The "limit" column of the loads table: the kind, "(flagged)" when Little's law disagrees, "—" without a finding.</summary>
    public static string LimitCell(StepResult step) =>
        step.Limit is { } l && l.Kind != LimitKinds.Unmeasured ? l.Kind + (l.LittleLaw is { Ok: false } ? " (flagged)" : "") : "—";

    /// <summary>The steps whose limit the experiment file expects, with the grade: step label, expected, measured, verdict, why.</summary>
    public static List<(string Step, string Expected, string Measured, string Verdict, string Detail)> LimitGrades(ExperimentResult e) =>
        e.Steps.Where(s => s.Limit?.Verdict is not null).Select(s => (s.Label, s.Limit!.Expected!, s.Limit.Kind == LimitKinds.Unmeasured ? "—" : s.Limit.Kind, s.Limit.Verdict!,
            s.Limit.VerdictReason ?? s.Limit.Evidence)).ToList();

    /// <summary>
    /// "Limits as the sources explain: 17 of 17 reproduced, 0 not reproduced, 0 not evaluated (counted
    /// apart from the claims)"; null when no step expects a limit.
    /// </summary>
    public static string? LimitTotals(SuiteResult suite)
    {
        var grades = suite.Experiments.SelectMany(LimitGrades).ToList();
        return grades.Count == 0 ? null
            : $"Limits as the sources explain: {grades.Count(g => g.Verdict == Verdicts.Reproduced)} of {grades.Count} reproduced, "
              + $"{grades.Count(g => g.Verdict == Verdicts.NotReproduced)} not reproduced, {grades.Count(g => g.Verdict == Verdicts.NotEvaluated)} not evaluated (counted apart from the claims).";
    }

    public static string Ratio(ExpectationResult x) => double.IsNaN(x.Ratio) ? "—" : NumberFormat.Short(x.Ratio) + "×";
}
