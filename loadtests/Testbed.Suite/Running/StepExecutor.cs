using System.Text.Json;
using System.Text.RegularExpressions;
using Testbed.Suite.Claims;
using Testbed.Suite.Dashboard;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Loads;
using Testbed.Suite.Reports;
using Testbed.Suite.Results;
using Testbed.Suite.Runs;

namespace Testbed.Suite.Running;

/// <summary>
/// Runs an experiment's load steps in file order, in interleaved rounds (A B C A B C … when the
/// file has "rounds"): each step's warm-up once, then its repeats, each a testbed-load process
/// whose run record is read back from raw/; the measured roles' CPU and descriptors are taken
/// around every load. Each metric is the median over the step's runs. The first load that breaks fails the experiment and ends its steps. A role that exits
/// during a step marks it "not evaluated" (and every later step that needs that role); the other
/// steps go on.
/// </summary>
internal sealed class StepExecutor(SuiteOptions options, ILoadDriver driver, SuiteProgress progress, TimeProvider time, CorePlan? cores = null, SuiteDashboard? dashboard = null)
{
    // A TCP server's descriptors are counted once it has settled after a load (see SettleAsync).
    private static readonly TimeSpan TcpSettle = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);

    // Before a measured load the measured roles must be idle: see QuiesceAsync.
    private static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(3);
    private const double QuietCores = 0.05;

    public async Task RunAsync(ExperimentPlan plan, ExperimentResult result, ExperimentRoles roles, MetricTable table, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(options.OutputDirectory, "raw"));
        var steps = plan.File.Steps.Select(step => Prepare(plan, step, result, roles)).ToList();
        for (var round = 1; round <= plan.Rounds; round++)
        {
            foreach (var step in steps.Where(s => !s.Done))
            {
                if ((round == 1 && !await WarmUpAsync(plan, step, result, roles, ct)) || !await MeasureAsync(plan, step, round, result, roles, ct))
                {
                    return;
                }
            }
        }

        foreach (var step in steps.Where(s => !s.Done && s.Runs.Count > 0))
        {
            Keep(step, plan.Rounds > 1, table);
        }
    }

    private StepRuns Prepare(ExperimentPlan plan, StepSpec step, ExperimentResult result, ExperimentRoles roles)
    {
        var addresses = roles.Addresses;
        var stepResult = new StepResult { Name = step.Name, Label = plan.Resolve(step.Label ?? step.Name, addresses, step.Role), Role = step.Role, Profile = step.Profile };
        result.Steps.Add(stepResult);
        var url = addresses[step.Role].Url + plan.Resolve(step.Path, addresses, step.Role);
        return new StepRuns(step, stepResult, MeasuredRoles(plan.File, step), url, step.Args.Select(a => plan.Resolve(a, addresses, step.Role)).ToList());
    }

    /// <summary>The step's unmeasured warm-up load, if it has one; false when it broke (the experiment failed).</summary>
    private async Task<bool> WarmUpAsync(ExperimentPlan plan, StepRuns step, ExperimentResult result, ExperimentRoles roles, CancellationToken ct)
    {
        var spec = step.Spec;
        if (spec.Warmup is null || RoleGone(step, roles, time.GetUtcNow()))
        {
            return true;
        }

        var started = time.GetUtcNow();
        var warmup = new LoadInvocation(spec.Profile, spec.Warmup.Select(a => plan.Resolve(a, roles.Addresses, spec.Role)).ToList(), step.Url, RawPath($"{plan.File.Id}-{spec.Name}-warmup.json"), TimeSpan.FromSeconds(120));
        progress.StepStarting(spec.Name + " warm-up", 1, 1, warmup.CommandLine);
        var warmed = await driver.RunAsync(warmup, ct);
        if (RoleGone(step, roles, started))
        {
            return true;
        }

        return warmed.ExitCode is 0 or 1 || StepFailed(result, step.Result, $"warm-up load exited with code {warmed.ExitCode}: {warmed.StandardError}");
    }

    /// <summary>One round of the step: its repeats. False when a load broke (the experiment failed).</summary>
    private async Task<bool> MeasureAsync(ExperimentPlan plan, StepRuns step, int round, ExperimentResult result, ExperimentRoles roles, CancellationToken ct)
    {
        var spec = step.Spec;
        var total = spec.Repeat * plan.Rounds;
        var estimate = plan.EstimateSeconds(spec) / total;
        var tcpTarget = plan.File.Roles.First(r => r.Name == spec.Role).Kind == RoleKinds.Tcp;
        var generators = plan.Generators(spec);
        for (var repetition = 1; repetition <= spec.Repeat; repetition++)
        {
            var number = (round - 1) * spec.Repeat + repetition;
            var started = time.GetUtcNow();
            if (RoleGone(step, roles, started))
            {
                return true;
            }

            var stem = total > 1 ? $"{plan.File.Id}-{spec.Name}-{number}" : $"{plan.File.Id}-{spec.Name}";
            var invocations = Invocations(step, stem, generators, TimeSpan.FromSeconds(estimate * 3 + 60));
            var merge = generators > 1 ? new MergeStep(invocations.Select(i => i.JsonPath).ToList(), RawPath(stem + ".json")) : null;
            var commandLine = CommandLine(invocations, merge);
            progress.StepStarting(spec.Name, number, total, commandLine);
            await QuiesceAsync(roles, step.Measured, ct);
            var before = roles.Snapshot(step.Measured);
            var loadStart = time.GetTimestamp();
            dashboard?.StepStarted(plan.File.Id, spec.Name, number, total, invocations);
            var outcomes = await Task.WhenAll(invocations.Select(i => driver.RunAsync(i, ct)));
            var cpuAfter = roles.Snapshot(step.Measured);
            var wallMs = time.GetElapsedTime(loadStart).TotalMilliseconds;
            var after = tcpTarget && roles.Reader(spec.Role) is { } tcpServer
                ? await SettleAsync(tcpServer, before.GetValueOrDefault(spec.Role), cpuAfter, spec.Role, ct)
                : cpuAfter;
            step.Result.CommandLine = commandLine;
            if (RoleGone(step, roles, started))
            {
                // Whatever the load measured, a role died under it: its figures describe no set-up.
                dashboard?.StepEnded(spec.Name, "not evaluated");
                return true;
            }

            var (run, segments, error) = await ReadRunAsync(invocations, outcomes, merge, ct);
            if (run is null)
            {
                dashboard?.StepEnded(spec.Name, "failed");
                return StepFailed(result, step.Result, error!);
            }

            var costs = Costs(step.Measured, before, after, wallMs);
            LimitCheck.Record(result, costs, progress);
            var metrics = StepMetrics.Compute(run, costs, spec.Role);
            var generatorCosts = GeneratorCost.From(segments, wallMs, i => invocations[i - 1].Cores ?? cores?.GeneratorCores(1));
            AddRun(step, run, costs, metrics, commandLine, generatorCosts);
            step.Result.RawFiles.Add("raw/" + stem + ".json");
            step.Result.RawFiles.AddRange(merge is null ? [] : merge.Records.Select(r => "raw/" + Path.GetFileName(r)));
            var summary = $"{NumberFormat.Short(run.Rps)} req/s, mean {NumberFormat.Short(run.Latency.Total.MeanMs)} ms, p99 {NumberFormat.Short(run.Latency.Total.P99Ms)} ms, {run.Counts.Completed} ok, {run.Counts.Failed} failed, {run.Counts.Non2xx} non-2xx, {NumberFormat.Short(metrics["cpuMsPerRequest"])} CPU ms/req"
                + ReportText.Generators(generatorCosts);
            progress.StepDone(estimate, summary);
            dashboard?.StepEnded(spec.Name, summary);
        }

        return true;
    }

    /// <summary>
    /// The step's load as <paramref name="generators"/> processes: one writes raw/STEM.json; several
    /// each run their segment into raw/STEM-gIofG.json, on the core <see cref="CorePlan"/> gives it.
    /// </summary>
    private List<LoadInvocation> Invocations(StepRuns step, string stem, int generators, TimeSpan hardTimeout) =>
        generators == 1
            ? [new LoadInvocation(step.Spec.Profile, step.Args, step.Url, RawPath(stem + ".json"), hardTimeout) { DashboardPort = DashboardPort() }]
            : Enumerable.Range(1, generators).Select(i => new LoadInvocation(
                step.Spec.Profile, [.. step.Args, "--segment", $"{i}/{generators}"], step.Url, RawPath($"{stem}-g{i}of{generators}.json"), hardTimeout)
            {
                Cores = cores?.GeneratorCores(i),
                DashboardPort = DashboardPort(),
            }).ToList();

    private int? DashboardPort() => dashboard is null ? null : PortAllocator.FreePort();

    /// <summary>What a user types to run the step again: the generators side by side, then the merge.</summary>
    private static string CommandLine(List<LoadInvocation> invocations, MergeStep? merge) =>
        merge is null
            ? invocations[0].CommandLine
            : string.Join(" & ", invocations.Select(i => i.CommandLine)) + " & wait; " + LoadInvocation.Shown(["merge", .. merge.Records, "--out", merge.Output]);

    /// <summary>
    /// The run record to grade (the merged one for several generators) and each generator's own, or
    /// why there is none: a generator that broke or wrote nothing readable, or a merge that refused.
    /// </summary>
    private async Task<(RunRecordDocument? Run, List<RunRecordDocument> Segments, string? Error)> ReadRunAsync(
        List<LoadInvocation> invocations, LoadOutcome[] outcomes, MergeStep? merge, CancellationToken ct)
    {
        var segments = new List<RunRecordDocument>();
        for (var i = 0; i < invocations.Count; i++)
        {
            var (invocation, outcome) = (invocations[i], outcomes[i]);
            var which = invocations.Count > 1 ? $"generator {i + 1}/{invocations.Count}" : "load";
            if (!File.Exists(invocation.JsonPath) || outcome.ExitCode is not (0 or 1))
            {
                var why = outcome.TimedOut ? $"did not finish within {invocation.HardTimeout.TotalSeconds:0} s" : $"exited with code {outcome.ExitCode}";
                return (null, segments, $"{which} {why}: {outcome.StandardError}");
            }

            var (segment, unreadable) = await ParseAsync(invocation.JsonPath, ct);
            if (segment is null)
            {
                return (null, segments, $"unreadable run JSON {Path.GetFileName(invocation.JsonPath)} of the {which}: {unreadable}");
            }

            segments.Add(segment);
        }

        if (merge is null)
        {
            return (segments[0], segments, null);
        }

        var merged = await driver.MergeAsync(merge.Records, merge.Output, ct);
        if (merged.ExitCode != 0 || !File.Exists(merge.Output))
        {
            return (null, segments, $"merging the {segments.Count} generators' records failed (exit code {merged.ExitCode}): {merged.StandardError}");
        }

        var (run, error) = await ParseAsync(merge.Output, ct);
        return (run, segments, run is null ? $"unreadable merged run JSON {Path.GetFileName(merge.Output)}: {error}" : null);
    }

    private static async Task<(RunRecordDocument? Run, string? Error)> ParseAsync(string path, CancellationToken ct)
    {
        try
        {
            return (RunRecordJson.Parse(await File.ReadAllTextAsync(path, ct)), null);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// Waits (at most <see cref="QuietLimit"/>) until the measured roles use less than
    /// <see cref="QuietCores"/> of a core over <see cref="QuietWindow"/>. The runtime compiles hot
    /// methods at tier 1 in the background some 100 ms after they got hot, and collects garbage
    /// after a load: work a warm-up or the previous step started would otherwise be charged to this
    /// run's CPU per request (tens of ms, as much as a whole 300-request run costs at limit=1 in E9).
    /// </summary>
    private async Task QuiesceAsync(ExperimentRoles roles, List<string> measured, CancellationToken ct)
    {
        var start = time.GetTimestamp();
        while (time.GetElapsedTime(start) < QuietLimit)
        {
            var before = roles.Snapshot(measured);
            await Task.Delay(QuietWindow, time, ct);
            var after = roles.Snapshot(measured);
            var used = after.Sum(a => before.TryGetValue(a.Key, out var b) && !double.IsNaN(a.Value.CpuMs - b.CpuMs) ? a.Value.CpuMs - b.CpuMs : 0);
            if (used < QuietCores * QuietWindow.TotalMilliseconds)
            {
                return;
            }
        }
    }

    /// <summary>One measured run of the step, with the figures computed from it (its raw files are the caller's).</summary>
    internal static void AddRun(StepRuns step, RunRecordDocument run, List<RoleCost> costs, Dictionary<string, double> metrics, string commandLine, List<GeneratorCost> generators)
    {
        step.Runs.Add((run, costs, metrics, commandLine, generators));
        step.Result.RepeatRps.Add(run.Rps);
        step.Result.RepeatCpuMsPerRequest.Add(metrics["cpuMsPerRequest"]);
    }

    /// <summary>
    /// Each metric is the median over the step's runs; the run with the median rps (as the source
    /// of E5 kept its repeats) gives the command, the per-role costs and the time series shown.
    /// </summary>
    internal static void Keep(StepRuns step, bool interleaved, MetricTable table)
    {
        var kept = step.Runs.OrderBy(r => r.Run.Rps).ElementAt(step.Runs.Count / 2);
        step.Result.CommandLine = kept.Command;
        step.Result.Costs = kept.Costs;
        step.Result.Generators = kept.Generators;
        step.Result.TimeSeries = [.. kept.Run.TimeSeries];
        step.Result.LatencyHistogram = kept.Run.Latency.Total.HdrHistogram;
        step.Result.Interleaved = interleaved;
        step.Result.Metrics = StepMetrics.Median(step.Runs.Select(r => r.Metrics).ToList());
        table.Set(step.Spec.Name, step.Result.Metrics);
        table.SetRuns(step.Spec.Name, step.Runs.Select(r => (IReadOnlyDictionary<string, double>)r.Metrics).ToList());
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

        step.Result.NotEvaluated = "not evaluated: " + string.Join("; ", exits);
        progress.Info($"step {step.Spec.Name} {step.Result.NotEvaluated}");
        return true;
    }

    private string RawPath(string name) => Path.Combine(options.OutputDirectory, "raw", name);

    private static bool StepFailed(ExperimentResult result, StepResult step, string error)
    {
        step.Error = error;
        return result.Fail($"step {step.Name}: {error}");
    }

    /// <summary>The step's target, the roles its command line points at (a proxy's backends), transitively, and the step's extra "measure" roles.</summary>
    internal static List<string> MeasuredRoles(ExperimentFile file, StepSpec step)
    {
        var roles = file.Roles.ToDictionary(r => r.Name);
        var result = new List<string>();
        var queue = new Queue<string>([step.Role, .. step.Measure]);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (result.Contains(name))
            {
                continue;
            }

            result.Add(name);
            foreach (var arg in roles[name].Args)
            {
                foreach (Match match in ExperimentLoader.Placeholder().Matches(arg))
                {
                    if (match.Groups[2].Success && roles.ContainsKey(match.Groups[2].Value))
                    {
                        queue.Enqueue(match.Groups[2].Value);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A TCP server may still be working through its backlog when the load ends (connections
    /// accepted but not yet answered hold descriptors). A leak is what remains once it has gone
    /// quiet: wait until the count is back near its start or stops falling, at most <see cref="SettleLimit"/>.
    /// CPU is still taken from the moment the load ended.
    /// </summary>
    private async Task<Dictionary<string, RoleSnapshot>> SettleAsync(Func<RoleSnapshot> server, RoleSnapshot? before, Dictionary<string, RoleSnapshot> cpuAfter, string role, CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var previous = double.MaxValue;
        var steady = 0;
        RoleSnapshot now;
        while (true)
        {
            await Task.Delay(TcpSettle, time, ct);
            now = server();
            if (!now.Alive || before is null || now.Fds <= before.Fds + 5 || time.GetElapsedTime(start) > SettleLimit)
            {
                break;
            }

            steady = now.Fds < previous ? 0 : steady + 1;
            previous = now.Fds;
            if (steady >= 3)
            {
                break;
            }
        }

        return new Dictionary<string, RoleSnapshot>(cpuAfter) { [role] = cpuAfter[role] with { Fds = now.Fds, Alive = now.Alive } };
    }

    private static List<RoleCost> Costs(List<string> roles, Dictionary<string, RoleSnapshot> before, Dictionary<string, RoleSnapshot> after, double wallMs) =>
        roles.Select(role => before.TryGetValue(role, out var b) && after.TryGetValue(role, out var a)
            ? new RoleCost
            {
                Role = role,
                CpuMs = a.CpuMs - b.CpuMs,
                ThrottledMs = a.ThrottledMs - b.ThrottledMs,
                FdsBefore = b.Fds,
                FdsAfter = a.Fds,
                Alive = a.Alive,
                Source = a.Source,
                WallMs = wallMs,
            }
            : new RoleCost { Role = role }).ToList();
}
