using System.Text.Json;
using System.Text.RegularExpressions;
using Testbed.Suite.Claims;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Loads;
using Testbed.Suite.Results;
using Testbed.Suite.Runs;

namespace Testbed.Suite.Running;

/// <summary>
/// Runs an experiment's load steps in file order: each step's warm-up, then its repeats, each a
/// testbed-load process whose run record is read back from raw/; the measured roles' CPU and
/// descriptors are taken around every load. The median repeat by throughput gives the step's
/// metrics. The first load that breaks fails the experiment and ends its steps.
/// </summary>
internal sealed class StepExecutor(SuiteOptions options, ILoadDriver driver, SuiteProgress progress, TimeProvider time)
{
    // A TCP server's descriptors are counted once it has settled after a load (see SettleAsync).
    private static readonly TimeSpan TcpSettle = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);

    public async Task RunAsync(ExperimentPlan plan, ExperimentResult result, ExperimentRoles roles, MetricTable table, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(options.OutputDirectory, "raw"));
        foreach (var step in plan.File.Steps)
        {
            if (!await RunStepAsync(plan, step, result, roles, table, ct))
            {
                return;
            }
        }
    }

    private async Task<bool> RunStepAsync(ExperimentPlan plan, StepSpec step, ExperimentResult result, ExperimentRoles roles, MetricTable table, CancellationToken ct)
    {
        var addresses = roles.Addresses;
        var stepResult = new StepResult { Name = step.Name, Label = plan.Resolve(step.Label ?? step.Name, addresses, step.Role), Role = step.Role, Profile = step.Profile };
        result.Steps.Add(stepResult);
        var url = addresses[step.Role].Url + plan.Resolve(step.Path, addresses, step.Role);
        if (step.Warmup is not null)
        {
            var warmup = new LoadInvocation(step.Profile, step.Warmup.Select(a => plan.Resolve(a, addresses, step.Role)).ToList(), url, RawPath($"{plan.File.Id}-{step.Name}-warmup.json"), TimeSpan.FromSeconds(120));
            progress.StepStarting(step.Name + " warm-up", 1, 1, Shown(warmup));
            var warmed = await driver.RunAsync(warmup, ct);
            if (warmed.ExitCode is not (0 or 1))
            {
                return StepFailed(result, stepResult, $"warm-up load exited with code {warmed.ExitCode}: {warmed.StandardError}");
            }
        }

        var measured = MeasuredRoles(plan.File, step);
        var args = step.Args.Select(a => plan.Resolve(a, addresses, step.Role)).ToList();
        var estimate = plan.EstimateSeconds(step) / step.Repeat;
        var tcpTarget = plan.File.Roles.First(r => r.Name == step.Role).Kind == RoleKinds.Tcp;
        var runs = new List<(RunRecordView Run, List<RoleCost> Costs, string Command)>();
        for (var repetition = 1; repetition <= step.Repeat; repetition++)
        {
            var rawName = step.Repeat > 1 ? $"{plan.File.Id}-{step.Name}-{repetition}.json" : $"{plan.File.Id}-{step.Name}.json";
            var invocation = new LoadInvocation(step.Profile, args, url, RawPath(rawName), TimeSpan.FromSeconds(estimate * 3 + 60));
            progress.StepStarting(step.Name, repetition, step.Repeat, Shown(invocation));
            var before = roles.Snapshot(measured);
            var outcome = await driver.RunAsync(invocation, ct);
            var cpuAfter = roles.Snapshot(measured);
            var after = tcpTarget && roles.Processes.TryGetValue(step.Role, out var tcpServer)
                ? await SettleAsync(tcpServer, before.GetValueOrDefault(step.Role), cpuAfter, step.Role, ct)
                : cpuAfter;
            stepResult.CommandLine = outcome.CommandLine;
            if (!File.Exists(invocation.JsonPath) || outcome.ExitCode is not (0 or 1))
            {
                var why = outcome.TimedOut ? $"did not finish within {invocation.HardTimeout.TotalSeconds:0} s" : $"exited with code {outcome.ExitCode}";
                return StepFailed(result, stepResult, $"load {why}: {outcome.StandardError}");
            }

            RunRecordView run;
            try
            {
                run = RunRecordView.Parse(await File.ReadAllTextAsync(invocation.JsonPath, ct));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                return StepFailed(result, stepResult, $"unreadable run JSON {rawName}: {e.Message}");
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
        stepResult.LatencyHistogram = kept.Run.Latency.Total.HdrHistogram;
        stepResult.Metrics = StepMetrics.Compute(kept.Run, kept.Costs, step.Role);
        table.Set(step.Name, stepResult.Metrics);
        return true;
    }

    private string RawPath(string name) => Path.Combine(options.OutputDirectory, "raw", name);

    private static string Shown(LoadInvocation invocation) => ExecutableLocator.Load + " " + string.Join(' ', invocation.FullArguments.Select(RoleLaunch.ShellQuote));

    private static bool StepFailed(ExperimentResult result, StepResult step, string error)
    {
        step.Error = error;
        return result.Fail($"step {step.Name}: {error}");
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
    private async Task<Dictionary<string, RoleSnapshot>> SettleAsync(RoleProcess server, RoleSnapshot? before, Dictionary<string, RoleSnapshot> cpuAfter, string role, CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var previous = double.MaxValue;
        var steady = 0;
        RoleSnapshot now;
        while (true)
        {
            await Task.Delay(TcpSettle, time, ct);
            now = server.Snapshot();
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
}
