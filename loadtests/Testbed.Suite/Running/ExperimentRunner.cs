using System.Diagnostics;
using Testbed.Suite.Claims;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Loads;
using Testbed.Suite.Results;
using Testbed.Suite.Runs;
using Testbed.Suite.Verification;

namespace Testbed.Suite.Running;

/// <summary>
/// Runs one experiment: start its roles (or use the compose addresses), verify, run each load step,
/// measure each role's cost, then evaluate claims and expectations. Any failure marks the
/// experiment failed with the reason and stops its loads; the roles are always killed.
/// </summary>
internal sealed class ExperimentRunner(SuiteOptions options, ILoadDriver driver, HttpClient http, SuiteProgress progress)
{
    // A TCP server's descriptors are counted once it has settled after a load (see SettleAsync).
    private static readonly TimeSpan TcpSettle = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);

    public async Task<ExperimentResult> RunAsync(ExperimentPlan plan, CancellationToken ct)
    {
        var file = plan.File;
        var stopwatch = Stopwatch.StartNew();
        var result = new ExperimentResult
        {
            Id = file.Id,
            Name = file.Name,
            Title = file.Title,
            Source = file.Source,
            Explanation = file.Explanation,
            QuickNote = plan.Mode == RunModes.Quick ? file.QuickNote : null,
            Mode = plan.Mode,
            Parameters = new Dictionary<string, string>(plan.Parameters),
            Charts = file.Charts,
        };
        var table = new MetricTable(plan.Parameters);
        var addresses = new Dictionary<string, RoleAddress>();
        var processes = new Dictionary<string, RoleProcess>();
        progress.BeginExperiment(plan);
        try
        {
            if (await StartRolesAsync(plan, result, addresses, processes, ct) && await VerifyAsync(plan, result, addresses, ct))
            {
                await RunStepsAsync(plan, result, addresses, processes, table, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(result, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            foreach (var process in processes.Values.Reverse())
            {
                await process.DisposeAsync();
            }
        }

        Evaluate(plan, result, table);
        result.DurationSeconds = stopwatch.Elapsed.TotalSeconds;
        progress.EndExperiment(result.Status == ExperimentStatuses.Ran ? "done" : "FAILED: " + result.FailureReason, result.DurationSeconds);
        return result;
    }

    private async Task<bool> StartRolesAsync(ExperimentPlan plan, ExperimentResult result, Dictionary<string, RoleAddress> addresses, Dictionary<string, RoleProcess> processes, CancellationToken ct)
    {
        foreach (var role in plan.File.Roles)
        {
            var scheme = role.Kind == RoleKinds.Tcp ? "tcp" : "http";
            if (options.Targets == TargetModes.Compose)
            {
                if (role.Compose is null)
                {
                    return Fail(result, $"role {role.Name} has no compose address");
                }

                var separator = role.Compose.LastIndexOf(':');
                var address = new RoleAddress(role.Compose[..separator], int.Parse(role.Compose[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture), $"{scheme}://{role.Compose}");
                addresses[role.Name] = address;
                result.Roles.Add(new RoleResult { Name = role.Name, CommandLine = $"(compose service {role.Compose})", Url = address.Url, Cpus = role.Cpus, LimitMethod = CpuLimitMethods.Compose });
                continue;
            }

            var explicitPath = role.Exe == RoleExecutables.Server ? options.ServerExe : options.ProxyExe;
            var command = ExecutableLocator.Find(role.Exe, explicitPath, out var searched);
            if (command is null)
            {
                return Fail(result, $"{role.Exe} (role {role.Name}) not found; build it first (looked in: {searched})");
            }

            var (fileName, prefix) = command.Value;

            var port = PortAllocator.FreePort();
            addresses[role.Name] = new RoleAddress("127.0.0.1", port, $"{scheme}://127.0.0.1:{port}");
            var arguments = prefix.Concat(role.Args.Select(a => plan.Resolve(a, addresses, role.Name))).ToList();
            var launch = new RoleLaunch
            {
                Name = role.Name,
                FileName = fileName,
                Arguments = arguments,
                Http = role.Kind == RoleKinds.Http,
                BaseUrl = $"http://127.0.0.1:{port}",
                Cpus = role.Cpus,
                ReadyTimeout = TimeSpan.FromSeconds(role.ReadyTimeoutSeconds),
            };
            progress.Info($"start {role.Name}: {launch.CommandLine}");
            try
            {
                var process = await RoleProcess.StartAsync(launch, http, ct);
                processes[role.Name] = process;
                result.Roles.Add(new RoleResult { Name = role.Name, CommandLine = launch.CommandLine, Url = addresses[role.Name].Url, Cpus = role.Cpus, LimitMethod = process.LimitMethod });
                if (process.Warning is not null)
                {
                    result.Warnings.Add($"{role.Name}: {process.Warning}");
                    progress.Info("WARNING " + process.Warning);
                }
            }
            catch (RoleStartException e)
            {
                result.Roles.Add(new RoleResult { Name = role.Name, CommandLine = launch.CommandLine, Url = addresses[role.Name].Url, Cpus = role.Cpus });
                return Fail(result, "start: " + e.Message);
            }
        }

        return true;
    }

    private async Task<bool> VerifyAsync(ExperimentPlan plan, ExperimentResult result, Dictionary<string, RoleAddress> addresses, CancellationToken ct)
    {
        var verifier = new Verifier(http);
        var roleKinds = plan.File.Roles.ToDictionary(r => r.Name, r => r.Kind);

        // Every load's target first answers once, then the file's explicit checks.
        var explicitChecks = plan.File.Verify.Select(v => (v.Role, Path: plan.Resolve(v.Path, addresses, v.Role))).ToHashSet();
        var checks = plan.File.Steps.Select(s => (s.Role, Path: plan.Resolve(s.Path, addresses, s.Role), Status: 200, Contains: (string?)null))
            .Distinct()
            .Where(c => !explicitChecks.Contains((c.Role, c.Path)))
            .Concat(plan.File.Verify.Select(v => (v.Role, Path: plan.Resolve(v.Path, addresses, v.Role), v.Status, v.Contains)));
        foreach (var (role, path, status, contains) in checks)
        {
            var address = addresses[role];
            var check = roleKinds[role] == RoleKinds.Tcp
                ? await Verifier.CheckTcpAsync($"{role} echoes", address.Host, address.Port, contains, ct)
                : await verifier.CheckHttpAsync($"{role} {path}", address.Url + path, status, contains, ct);
            result.Checks.Add(check);
        }

        foreach (var equivalence in plan.File.Equivalent)
        {
            var urls = equivalence.Targets.Select(t => addresses[t.Role].Url + plan.Resolve(t.Path, addresses, t.Role)).ToList();
            result.Checks.Add(await verifier.CheckEquivalenceAsync(equivalence.Name, equivalence.Compare, urls, ct));
        }

        foreach (var check in result.Checks)
        {
            progress.Info($"verify {(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
        }

        var failed = result.Checks.FirstOrDefault(c => !c.Passed);
        return failed is null || Fail(result, $"verification failed: {failed.Name}: {failed.Detail}");
    }

    private async Task RunStepsAsync(ExperimentPlan plan, ExperimentResult result, Dictionary<string, RoleAddress> addresses, Dictionary<string, RoleProcess> processes, MetricTable table, CancellationToken ct)
    {
        var rawDirectory = Path.Combine(options.OutputDirectory, "raw");
        Directory.CreateDirectory(rawDirectory);
        foreach (var step in plan.File.Steps)
        {
            var stepResult = new StepResult { Name = step.Name, Label = plan.Resolve(step.Label ?? step.Name, addresses, step.Role), Role = step.Role, Profile = step.Profile };
            result.Steps.Add(stepResult);
            var measured = MeasuredRoles(plan.File, step);
            var url = addresses[step.Role].Url + plan.Resolve(step.Path, addresses, step.Role);
            var args = step.Args.Select(a => plan.Resolve(a, addresses, step.Role)).ToList();
            var estimate = plan.EstimateSeconds(step) / step.Repeat;
            var runs = new List<(RunRecordView Run, List<RoleCost> Costs, string Command)>();
            if (step.Warmup is not null)
            {
                var warmupPath = Path.Combine(rawDirectory, $"{plan.File.Id}-{step.Name}-warmup.json");
                var warmup = new LoadInvocation(step.Profile, step.Warmup.Select(a => plan.Resolve(a, addresses, step.Role)).ToList(), url, warmupPath, TimeSpan.FromSeconds(120));
                progress.StepStarting(step.Name + " warm-up", 1, 1, "testbed-load " + string.Join(' ', warmup.FullArguments.Select(RoleLaunch.ShellQuote)));
                var warmed = await driver.RunAsync(warmup, ct);
                if (warmed.ExitCode is not (0 or 1))
                {
                    stepResult.Error = $"warm-up load exited with code {warmed.ExitCode}: {warmed.StandardError}";
                    Fail(result, $"step {step.Name}: {stepResult.Error}");
                    return;
                }
            }

            for (var repetition = 1; repetition <= step.Repeat; repetition++)
            {
                var rawName = step.Repeat > 1 ? $"{plan.File.Id}-{step.Name}-{repetition}.json" : $"{plan.File.Id}-{step.Name}.json";
                var jsonPath = Path.Combine(rawDirectory, rawName);
                var invocation = new LoadInvocation(step.Profile, args, url, jsonPath, TimeSpan.FromSeconds(estimate * 3 + 60));
                progress.StepStarting(step.Name, repetition, step.Repeat, "testbed-load " + string.Join(' ', invocation.FullArguments.Select(RoleLaunch.ShellQuote)));
                var before = Snapshot(processes, measured);
                var outcome = await driver.RunAsync(invocation, ct);
                var cpuAfter = Snapshot(processes, measured);
                var after = plan.File.Roles.First(r => r.Name == step.Role).Kind == RoleKinds.Tcp && processes.TryGetValue(step.Role, out var tcpServer)
                    ? await SettleAsync(tcpServer, before.GetValueOrDefault(step.Role), cpuAfter, step.Role, ct)
                    : cpuAfter;
                stepResult.CommandLine = outcome.CommandLine;
                if (!File.Exists(jsonPath) || outcome.ExitCode is not (0 or 1))
                {
                    var why = outcome.TimedOut ? $"did not finish within {invocation.HardTimeout.TotalSeconds:0} s" : $"exited with code {outcome.ExitCode}";
                    stepResult.Error = $"load {why}: {outcome.StandardError}";
                    Fail(result, $"step {step.Name}: {stepResult.Error}");
                    return;
                }

                RunRecordView run;
                try
                {
                    run = RunRecordView.Parse(await File.ReadAllTextAsync(jsonPath, ct));
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
                {
                    stepResult.Error = $"unreadable run JSON {rawName}: {e.Message}";
                    Fail(result, $"step {step.Name}: {stepResult.Error}");
                    return;
                }

                stepResult.RawFiles.Add("raw/" + rawName);
                stepResult.RepeatRps.Add(run.Rps);
                runs.Add((run, Costs(measured, before, after), outcome.CommandLine));
                progress.StepDone(estimate, $"{NumberFormat.Short(run.Rps)} req/s, mean {NumberFormat.Short(run.Latency.Total.MeanMs)} ms, p99 {NumberFormat.Short(run.Latency.Total.P99Ms)} ms, {run.Counts.Completed} ok, {run.Counts.Failed} failed, {run.Counts.Non2xx} non-2xx");
            }

            // The median run by throughput, as the source of E5 did with its repeats.
            var kept = runs.OrderBy(r => r.Run.Rps).ElementAt(runs.Count / 2);
            stepResult.CommandLine = kept.Command;
            stepResult.Costs = kept.Costs;
            stepResult.TimeSeries = kept.Run.TimeSeries;
            stepResult.Metrics = StepMetrics.Compute(kept.Run, kept.Costs, step.Role);
            table.Set(step.Name, stepResult.Metrics);
        }
    }

    /// <summary>The step's target, the roles its command line points at (a proxy's backends), transitively, and the step's extra "measure" roles.</summary>
    private static List<string> MeasuredRoles(ExperimentFile file, StepSpec step)
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
                foreach (System.Text.RegularExpressions.Match match in ExperimentLoader.Placeholder().Matches(arg))
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
    private static async Task<Dictionary<string, RoleSnapshot>> SettleAsync(RoleProcess server, RoleSnapshot? before, Dictionary<string, RoleSnapshot> cpuAfter, string role, CancellationToken ct)
    {
        var start = DateTime.UtcNow;
        var previous = double.MaxValue;
        var steady = 0;
        RoleSnapshot now;
        while (true)
        {
            await Task.Delay(TcpSettle, ct);
            now = server.Snapshot();
            if (!now.Alive || before is null || now.Fds <= before.Fds + 5 || DateTime.UtcNow - start > SettleLimit)
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

        var result = new Dictionary<string, RoleSnapshot>(cpuAfter) { [role] = cpuAfter[role] with { Fds = now.Fds, Alive = now.Alive } };
        return result;
    }

    private static Dictionary<string, RoleSnapshot> Snapshot(Dictionary<string, RoleProcess> processes, List<string> roles) =>
        roles.Where(processes.ContainsKey).ToDictionary(r => r, r => processes[r].Snapshot());

    private static List<RoleCost> Costs(List<string> roles, Dictionary<string, RoleSnapshot> before, Dictionary<string, RoleSnapshot> after) =>
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
            }
            : new RoleCost { Role = role }).ToList();

    private static void Evaluate(ExperimentPlan plan, ExperimentResult result, MetricTable table)
    {
        foreach (var claim in plan.File.Claims)
        {
            var trace = new EvaluationTrace();
            string verdict;
            string detail;
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
            double? measured = figure.Step is not null && figure.Metric is not null && table.TryGet(figure.Step, figure.Metric, out var value) ? value : null;
            result.Figures.Add(new FigureResult(figure.Label, figure.Unit, figure.Value, figure.Text, measured));
        }
    }

    private static bool Fail(ExperimentResult result, string reason)
    {
        if (result.Status != ExperimentStatuses.Failed)
        {
            result.Status = ExperimentStatuses.Failed;
            result.FailureReason = reason;
        }

        return false;
    }
}
