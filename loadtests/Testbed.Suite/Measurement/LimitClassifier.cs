using Testbed.Suite.Claims;

namespace Testbed.Suite.Measurement;

/// <summary>
/// Names what limited one load, as a pure function of its figures (<see cref="LimitInputs"/>), with
/// the thresholds of <see cref="LimitThresholds"/>. In order:
/// <list type="number">
/// <item>an open model that missed its intended rate, or started late or dropped starts: <c>rate</c>
/// (with the saturated resource behind it, if any, in the evidence);</item>
/// <item>the most saturated role resource: <c>cpu-quota</c> (CPU at its quota when the quota is below
/// the role's cores, or its periods throttled), <c>cpu</c> (CPU used at its cores, or half of them
/// used while its threads waited on the run queue for the rest), <c>slots</c> (slots
/// busy with requests queued). CPU comes before slots: slots busy computing wait for the CPU;</item>
/// <item><c>errors</c>: failed or non-2xx requests while nothing was saturated (refused, reset, timeout);</item>
/// <item><c>generator</c>: the generator at its core(s) (used, or used + waited for), or its own
/// diagnosis warning "generator", while no role was saturated;</item>
/// <item>a closed model whose users mostly thought: <c>think-time</c>;</item>
/// <item>else <c>none</c>: the load's concurrency over the service time.</item>
/// </list>
/// Every finding carries a Little's law check: a <c>slots</c> finding the server's mean busy + queued
/// against rps × latency; any other the generator's users against rps × (latency + think) (closed)
/// or its mean in-flight against rps × latency (open).
/// </summary>
internal static class LimitClassifier
{
    public static StepLimit Classify(LimitInputs x)
    {
        var resource = Saturated(x);
        var latencyS = x.MeanMs / 1000;
        var generatorLaw = x.OpenModel
            ? LittleLawCheck.Of(x.Rps * latencyS, x.InFlight, "generator: mean in flight vs rps × latency")
            : LittleLawCheck.Of(x.Rps * (latencyS + x.ThinkMs / 1000), x.Users, "generator: users vs rps × (latency + think)");
        var common = Figures(x);

        if (x.OpenModel && RateMissed(x) is { } missed)
        {
            var behind = resource is null ? "" : $"; behind it: {resource.Evidence}";
            return new StepLimit
            {
                Kind = LimitKinds.Rate,
                Evidence = missed + behind,
                Figures = Merge(common, resource?.Figures),
                LittleLaw = generatorLaw,
                Role = resource?.Role,
            };
        }

        if (resource is not null)
        {
            return resource with { Figures = Merge(common, resource.Figures), LittleLaw = resource.Kind == LimitKinds.Slots ? ServerLaw(x, resource.Role) ?? generatorLaw : generatorLaw };
        }

        var attempts = x.Completed + x.Failed + x.Non2xx;
        if (attempts > 0 && (x.Failed + x.Non2xx) >= LimitThresholds.ErrorShare * attempts)
        {
            return new StepLimit { Kind = LimitKinds.Errors, Evidence = Errors(x, attempts), Figures = common, LittleLaw = generatorLaw };
        }

        if (x.GeneratorShare >= LimitThresholds.GeneratorBusy || x.GeneratorDemand >= LimitThresholds.GeneratorBusy || x.GeneratorWarning is not null)
        {
            var wanted = x.GeneratorDemand > x.GeneratorShare ? $" (with its run-queue wait {Pct(x.GeneratorDemand)})" : "";
            var own = x.GeneratorWarning is null ? "" : $"; its own diagnosis: {x.GeneratorWarning}";
            return new StepLimit
            {
                Kind = LimitKinds.Generator,
                Evidence = $"generator at {Pct(x.GeneratorShare)} of its {N(x.GeneratorCores)} core(s){wanted} while no role was saturated ({RolesBrief(x)}){own}",
                Figures = common,
                LittleLaw = generatorLaw,
            };
        }

        var cycle = x.MeanMs + x.ThinkMs;
        if (!x.OpenModel && x.ThinkMs > 0 && cycle > 0 && x.ThinkMs / cycle >= LimitThresholds.ThinkShare)
        {
            return new StepLimit
            {
                Kind = LimitKinds.ThinkTime,
                Evidence = $"{N(x.Users)} users ÷ ({N(x.MeanMs)} ms latency + {N(x.ThinkMs)} ms think) = {N(x.Users / cycle * 1000)} req/s bound, measured {N(x.Rps)} req/s; nothing saturated ({RolesBrief(x)})",
                Figures = common,
                LittleLaw = generatorLaw,
            };
        }

        var why = x.OpenModel
            ? $"the intended {N(x.IntendedRps)} req/s was reached"
            : $"{N(x.Users)} in flight ÷ {N(x.MeanMs)} ms latency = {N(x.Users / x.MeanMs * 1000)} req/s: the latency is the service time";
        return new StepLimit { Kind = LimitKinds.None, Evidence = $"nothing saturated ({RolesBrief(x)}); {why}", Figures = common, LittleLaw = generatorLaw };
    }

    /// <summary>
    /// <paramref name="limit"/> graded against the limit the experiment file expects: reproduced when
    /// the kinds match and Little's law agrees, not evaluated when they match but it disagrees (the
    /// figures are not trusted), else not reproduced.
    /// </summary>
    public static StepLimit Grade(StepLimit limit, string? expected)
    {
        if (expected is null)
        {
            return limit;
        }

        if (limit.Kind == LimitKinds.Unmeasured)
        {
            return limit with { Expected = expected, Verdict = "not evaluated", VerdictReason = limit.Evidence };
        }

        if (limit.Kind != expected)
        {
            return limit with { Expected = expected, Verdict = "not reproduced" };
        }

        return limit.LittleLaw is { Ok: false } law
            ? limit with { Expected = expected, Verdict = "not evaluated", VerdictReason = $"Little's law disagrees ({law.Basis}: expected {N(law.Expected)}, measured {N(law.Measured)})" }
            : limit with { Expected = expected, Verdict = "reproduced" };
    }

    /// <summary>The finding of a step with no kept run, so that its expected limit is graded "not evaluated" with the reason.</summary>
    public static StepLimit Unmeasured(string reason) => new() { Kind = LimitKinds.Unmeasured, Evidence = reason };

    /// <summary>The most saturated role resource (by its use of the cap), or null.</summary>
    private static StepLimit? Saturated(LimitInputs x)
    {
        var found = new List<(double Use, StepLimit Limit)>();
        foreach (var role in x.Roles.OrderByDescending(r => r.Target))
        {
            var cap = role.CpuCap;
            var cpuUse = cap > 0 ? role.Cores / cap : double.NaN;
            // The run-queue wait of the role's threads counts only for a role that also worked:
            // it is a sum over threads, so a pool woken at once on a shared core reads as cores
            // wanted by a server that sleeps (E3's: 0.1 core used, 0.9 waited). A role that used
            // half its cap and waited for more than the rest wanted the whole cap.
            var waited = role.Stats is { WaitCores: > 0 and var w } ? w : 0;
            var starved = cpuUse >= LimitThresholds.CpuBusyWithWait && cap > 0 && (role.Cores + waited) / cap >= 1;
            var throttled = role.Stats?.ThrottledShare ?? double.NaN;
            var figures = RoleFigures(role);
            if (role.QuotaBinds && (cpuUse >= LimitThresholds.CpuBusy || throttled >= LimitThresholds.ThrottledShare))
            {
                var throttle = double.IsNaN(throttled) ? "" : $", {Pct(throttled)} of {N(role.Stats!.Periods)} periods throttled ({N(role.Stats.ThrottledMs)} ms)";
                found.Add((double.IsNaN(cpuUse) ? 1 : Math.Max(cpuUse, 1), new StepLimit { Kind = LimitKinds.CpuQuota, Role = role.Role, Figures = figures, Evidence = $"{role.Role} used {N(role.Cores)} of its {N(cap)}-core quota ({Pct(cpuUse)}){throttle}" }));
                continue;
            }

            if (!role.QuotaBinds && (cpuUse >= LimitThresholds.CpuBusy || starved))
            {
                var wait = waited > 0 ? $"; its threads waited {N(waited)} core(s) on the run queue" : "";
                found.Add((cpuUse, new StepLimit { Kind = LimitKinds.Cpu, Role = role.Role, Figures = figures, Evidence = $"{role.Role} used {N(role.Cores)} of the {N(cap)} core(s) it may use ({Pct(cpuUse)}){wait}" + Spawn(role) }));
                continue;
            }

            if (role.Stats is { Slots: > 0 and var slots } stats && stats.AvgBusy >= LimitThresholds.SlotsBusy * slots && stats.AvgQueued >= LimitThresholds.SlotsQueue)
            {
                found.Add((stats.AvgBusy / slots, new StepLimit { Kind = LimitKinds.Slots, Role = role.Role, Figures = figures, Evidence = $"{role.Role}: {N(stats.AvgBusy)} of {slots} slots busy on average, {N(stats.AvgQueued)} requests queued; CPU {N(role.Cores)} of {N(cap)} core(s)" }));
            }
        }

        return found.Count == 0 ? null : found.MaxBy(f => f.Use).Limit;
    }

    /// <summary>The server's check: its mean busy + queued against rps × latency, when its stats have both.</summary>
    private static LittleLawCheck? ServerLaw(LimitInputs x, string? role)
    {
        var stats = x.Roles.FirstOrDefault(r => r.Role == role)?.Stats;
        if (stats is null || double.IsNaN(stats.AvgBusy))
        {
            return null;
        }

        var queued = double.IsNaN(stats.AvgQueued) ? 0 : stats.AvgQueued;
        return LittleLawCheck.Of(x.Rps * x.MeanMs / 1000, stats.AvgBusy + queued, $"{role}: busy + queued vs rps × latency");
    }

    private static string? RateMissed(LimitInputs x)
    {
        var starts = x.Completed + x.Failed + x.Non2xx + x.DroppedStarts;
        var reached = x.IntendedRps > 0 ? x.AchievedRps / x.IntendedRps : double.NaN;
        var lateShare = starts > 0 ? (double)(x.LateStarts + x.DroppedStarts) / starts : 0;
        if (!(reached < LimitThresholds.RateReached) && lateShare <= LimitThresholds.LateShare)
        {
            return null;
        }

        return $"intended {N(x.IntendedRps)} req/s, achieved {N(x.AchievedRps)} ({Pct(reached)}), {x.LateStarts} late and {x.DroppedStarts} dropped starts";
    }

    private static string Errors(LimitInputs x, long attempts)
    {
        var kinds = x.FailedByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value).Select(k => $"{k.Value} {k.Key} ({Meaning(k.Key)})").ToList();
        if (x.Non2xx > 0)
        {
            kinds.Add($"{x.Non2xx} non-2xx (the server answered errors)");
        }

        return $"{Pct((double)(x.Failed + x.Non2xx) / attempts)} of {attempts} requests failed while nothing was saturated: {string.Join(", ", kinds)}";
    }

    /// <summary>What a failure kind of the run record points at.</summary>
    private static string Meaning(string kind) => kind switch
    {
        "connectRefused" => "refused: the accept queue was full, or the role is dead",
        "connectTimeout" => "connect timed out: the accept queue was full",
        "receive" => "reset: an accept queue overflow or a descriptor limit",
        "responseTimeout" => "timed out: requests waited behind a queue",
        _ => kind,
    };

    private static string Spawn(RoleLimitFigures role) =>
        role.Stats is { } s && s.ChildSpawnMs > 0 ? $", {N(s.ChildSpawnMs)} ms starting children" : "";

    private static string RolesBrief(LimitInputs x)
    {
        var parts = x.Roles.Where(r => !double.IsNaN(r.Cores)).Select(r =>
            $"{r.Role} CPU {N(r.Cores)} of {N(r.CpuCap)}" + (r.Stats is { WaitCores: > 0 } w ? $" (+{N(w.WaitCores)} waited)" : "")
            + (r.Stats is { Slots: > 0 } s && !double.IsNaN(s.AvgBusy) ? $", {N(s.AvgBusy)} of {s.Slots} slots" : ""));
        var text = string.Join("; ", parts);
        return text.Length == 0 ? "no role figures" : text;
    }

    private static SortedDictionary<string, double> Figures(LimitInputs x)
    {
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["rps"] = x.Rps,
            ["meanMs"] = x.MeanMs,
            ["generatorShare"] = x.GeneratorShare,
            ["generatorDemand"] = x.GeneratorDemand,
        };
        if (!x.OpenModel)
        {
            figures["users"] = x.Users;
            figures["thinkMs"] = x.ThinkMs;
        }
        else
        {
            figures["intendedRps"] = x.IntendedRps;
            figures["achievedRps"] = x.AchievedRps;
            figures["lateStarts"] = x.LateStarts;
            figures["droppedStarts"] = x.DroppedStarts;
        }

        var attempts = x.Completed + x.Failed + x.Non2xx;
        figures["errorShare"] = attempts > 0 ? (double)(x.Failed + x.Non2xx) / attempts : 0;
        return figures;
    }

    private static SortedDictionary<string, double> RoleFigures(RoleLimitFigures role)
    {
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["cores"] = role.Cores,
            ["coreCap"] = role.CpuCap,
        };
        if (role.Stats is { } s)
        {
            if (s.Slots is { } slots)
            {
                figures["slots"] = slots;
            }

            figures["avgBusy"] = s.AvgBusy;
            figures["avgQueued"] = s.AvgQueued;
            figures["periods"] = s.Periods;
            figures["throttledPeriods"] = s.ThrottledPeriods;
            figures["throttledMs"] = s.ThrottledMs;
            figures["waitCores"] = s.WaitCores;
        }

        return figures;
    }

    private static SortedDictionary<string, double> Merge(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double>? b)
    {
        var merged = new SortedDictionary<string, double>(a.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in b ?? new Dictionary<string, double>())
        {
            merged[key] = value;
        }

        return merged;
    }

    private static string N(double value) => double.IsNaN(value) ? "?" : NumberFormat.Short(value);

    private static string Pct(double share) => double.IsNaN(share) ? "?%" : $"{NumberFormat.Short(100 * share)}%";
}
