using Testbed.Suite.Dashboard;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Loads;
using Testbed.Suite.Measurement;
using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// The measuring stage: runs an experiment's load steps in file order, in interleaved rounds
/// (A B C A B C … when the file has "rounds"): each step's warm-up once, then its repeats, each one
/// load measured by <see cref="LoadMeasurer"/>. Each metric is the median over the step's runs. The
/// first load that breaks fails the experiment and ends its steps. A role that exits during a step
/// marks it "not evaluated" (and every later step that needs that role); the other steps go on.
/// </summary>
internal sealed class StepExecutor(SuiteOptions options, ILoadDriver driver, SuiteProgress progress, TimeProvider time, CorePlan? cores = null, SuiteDashboard? dashboard = null)
{
    private readonly LoadMeasurer _measurer = new(options, driver, time, cores, dashboard);

    /// <summary>The cores a role may use: the servers' pinned cores, or all of the machine's.</summary>
    private readonly double _usableCores = cores?.ServerCores is { } pinned ? CorePlan.ParseList(pinned).Count : Environment.ProcessorCount;

    /// <param name="startedRoles">The roles as started; the outcome's are these with what the loads showed of their CPU limits.</param>
    public async Task<StepsOutcome> RunAsync(ExperimentPlan plan, ExperimentRoles roles, IReadOnlyList<RoleResult> startedRoles, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(options.OutputDirectory, "raw"));
        var steps = plan.File.Steps.Select(step => Prepare(plan, step, roles)).ToList();
        foreach (var step in steps.Where(s => plan.Skipped(s.Spec) is not null))
        {
            step.NotEvaluated = plan.Skipped(step.Spec);
        }

        var limits = new RoleLimits(startedRoles, progress);
        string? failure;
        try
        {
            failure = await RunRoundsAsync(plan, steps, roles, limits, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As a failure of the experiment, with the steps measured so far.
            failure = $"{e.GetType().Name}: {e.Message}";
        }

        var results = steps.Select(s => s.ToResult(keep: failure is null, interleaved: plan.Rounds > 1, load => LimitOf(s, load, limits.Roles))).ToList();
        var measured = failure is null
            ? steps.Zip(results).Where(p => p.First.Counts).Select(p => p.First.ToMeasured(p.Second)).ToList()
            : [];
        return new StepsOutcome(results, measured, limits.Roles, failure);
    }

    /// <summary>Every round of every step still going; the first broken load's failure, or null.</summary>
    private async Task<string?> RunRoundsAsync(ExperimentPlan plan, List<StepRuns> steps, ExperimentRoles roles, RoleLimits limits, CancellationToken ct)
    {
        for (var round = 1; round <= plan.Rounds; round++)
        {
            foreach (var step in steps.Where(s => !s.Done))
            {
                var failed = (round == 1 ? await WarmUpAsync(plan, step, roles, ct) : null)
                    ?? await MeasureRoundAsync(plan, step, round, roles, limits, ct);
                if (failed is not null)
                {
                    return $"step {step.Spec.Name}: {failed}";
                }
            }
        }

        return null;
    }

    private StepRuns Prepare(ExperimentPlan plan, StepSpec step, ExperimentRoles roles)
    {
        var addresses = roles.Addresses;
        var url = addresses[step.Role].Url + plan.Resolve(step.Path, addresses, step.Role);
        return new StepRuns(step, plan.Resolve(step.Label ?? step.Name, addresses, step.Role), plan.File.MeasuredRoles(step), url, step.Args.Select(a => plan.Resolve(a, addresses, step.Role)).ToList());
    }

    /// <summary>The step's unmeasured warm-up load, if it has one; why it broke (the experiment fails), or null.</summary>
    private async Task<string?> WarmUpAsync(ExperimentPlan plan, StepRuns step, ExperimentRoles roles, CancellationToken ct)
    {
        var spec = step.Spec;
        if (spec.Warmup is null || RoleGone(step, roles, time.GetUtcNow()))
        {
            return null;
        }

        var started = time.GetUtcNow();
        var warmup = new LoadInvocation(spec.Profile, spec.Warmup.Select(a => plan.Resolve(a, roles.Addresses, spec.Role)).ToList(), step.Url, RawPath($"{plan.File.Id}-{spec.Name}-warmup.json"), TimeSpan.FromSeconds(120));
        progress.StepStarting(spec.Name + " warm-up", 1, 1, warmup.CommandLine);
        var warmed = await driver.RunAsync(warmup, ct);
        if (RoleGone(step, roles, started) || warmed.ExitCode is 0 or 1)
        {
            return null;
        }

        return step.Error = $"warm-up load exited with code {warmed.ExitCode}: {warmed.StandardError}";
    }

    /// <summary>One round of the step: its repeats. Why a load broke (the experiment fails), or null.</summary>
    private async Task<string?> MeasureRoundAsync(ExperimentPlan plan, StepRuns step, int round, ExperimentRoles roles, RoleLimits limits, CancellationToken ct)
    {
        var spec = step.Spec;
        var total = spec.Repeat * plan.Rounds;
        var estimate = plan.EstimateSeconds(spec) / total;
        var generators = plan.Generators(spec);
        for (var repetition = 1; repetition <= spec.Repeat; repetition++)
        {
            var number = (round - 1) * spec.Repeat + repetition;
            var started = time.GetUtcNow();
            if (RoleGone(step, roles, started))
            {
                return null;
            }

            var stem = total > 1 ? $"{plan.File.Id}-{spec.Name}-{number}" : $"{plan.File.Id}-{spec.Name}";
            var attempt = await _measurer.MeasureAsync(
                plan.File, step, step.Args, stem, generators, TimeSpan.FromSeconds(estimate * 3 + 60), roles,
                commandLine => progress.StepStarting(spec.Name, number, total, commandLine),
                () => RoleGone(step, roles, started), (number, total), ct);
            step.CommandLine = attempt.CommandLine;
            if (attempt.Load is not { } load)
            {
                return attempt.Error is null ? null : step.Error = attempt.Error;
            }

            limits.Apply(load.Costs);
            step.Loads.Add(load);
            var summary = LoadSummary.Describe(load) + LoadSummary.Limit(LimitOf(step, load, limits.Roles));
            progress.StepDone(estimate, summary);
            dashboard?.StepEnded(spec.Name, summary);
        }

        return null;
    }

    /// <summary>
    /// True (and the step marked not evaluated) when a role died since <paramref name="since"/>, or
    /// a role the step needs had died before.
    /// </summary>
    private bool RoleGone(StepRuns step, ExperimentRoles roles, DateTimeOffset since)
    {
        var exits = roles.ExitedDuring(step.Spec.Name, since);
        exits.AddRange(roles.ExitedAmong(step.Measured).Except(exits));
        if (exits.Count == 0)
        {
            return false;
        }

        step.NotEvaluated = "not evaluated: " + string.Join("; ", exits);
        progress.Info($"step {step.Spec.Name} {step.NotEvaluated}");
        return true;
    }

    /// <summary>What limited <paramref name="load"/> of <paramref name="step"/> (<see cref="LimitClassifier"/>).</summary>
    private StepLimit LimitOf(StepRuns step, MeasuredLoad load, IReadOnlyList<RoleResult> roles)
    {
        var quotas = roles.Where(r => r.Cpus is not null && r.LimitMethod != CpuLimitMethods.None).ToDictionary(r => r.Name, r => r.Cpus);
        return LimitClassifier.Classify(LimitInputs.From(load, step.Spec.Role, role => quotas.GetValueOrDefault(role), _usableCores));
    }

    private string RawPath(string name) => Path.Combine(options.OutputDirectory, "raw", name);
}
