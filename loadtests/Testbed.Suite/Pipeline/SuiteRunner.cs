using System.Runtime.InteropServices;
using Testbed.Suite.Dashboard;
using Testbed.Suite.Experiments;
using Testbed.Suite.Loads;
using Testbed.Suite.Reports;
using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Runs the selected experiments one after another (they share two cores: running them side by
/// side would measure each other), then writes results.json, report.md and report.html and prints
/// the summary table of every claim.
/// </summary>
internal sealed class SuiteRunner(SuiteOptions options, ILoadDriver driver, TextWriter console, TimeProvider time)
{
    public async Task<SuiteResult> RunAsync(CancellationToken ct)
    {
        var experiments = ExperimentLoader.LoadDirectory(options.ExperimentsDirectory);
        var unknown = options.Only.Where(id => !experiments.Any(e => Matches(e, id))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"--only names unknown experiment(s): {string.Join(", ", unknown)} (known: {string.Join(", ", experiments.Select(e => e.Id))})");
        }

        var selected = experiments.Where(e => options.Only.Count == 0 || options.Only.Any(id => Matches(e, id))).ToList();
        foreach (var left in selected.Where(e => options.Only.Count == 0 && options.Mode == RunModes.Quick && !e.QuickSuite).ToList())
        {
            console.WriteLine($"suite: {left.Id} {left.Name} is left out of the whole quick suite (it does not fit its ten minutes): run it with --full, or alone with --only {left.Id}");
            selected.Remove(left);
        }

        var plans = selected.Select(e => new ExperimentPlan(e, options.Mode, options.Generators)).ToList();
        Directory.CreateDirectory(options.OutputDirectory);
        if (Launch.Cgroup.RemoveStale() is > 0 and var stale)
        {
            console.WriteLine($"suite: removed {stale} stale cgroup(s) of an earlier, killed suite");
        }

        // Compose targets run elsewhere: only the local roles can be kept off the generator's core.
        var usable = Launch.CorePlan.UsableCores();
        var cores = Launch.CorePlan.Create(options.Pin && options.Targets == TargetModes.Local, usable, Launch.ExecutableLocator.FindOnPath("taskset"),
            plans.Count == 0 ? 1 : plans.Max(p => p.MaxGenerators()));
        // Compose pins through the containers' cpusets (SERVER_CPUSET, SUITE_CPUSET): the report says which were in force.
        var compose = options.Targets == TargetModes.Compose
            ? Launch.ComposeCores.Describe(usable, Launch.ComposeCores.HostCores(usable), Environment.GetEnvironmentVariable("SERVER_CPUSET"))
            : null;
        if (compose is not null)
        {
            cores = cores with { Description = compose.Description };
        }

        // Unpinned compose servers share every core with the generator, which the local plan would keep one of: count them as locally.
        var machine = MachineFacts.Describe(cores.ServerCores is { } pinned ? Launch.CorePlan.ParseList(pinned).Count
            : compose?.ServerCoreCount is { } composeServers ? composeServers
            : options.Targets == TargetModes.Compose ? Math.Max(1, usable.Count - (plans.Count == 0 ? 1 : plans.Max(p => p.MaxGenerators()))) : usable.Count);
        if (driver is ProcessLoadDriver process)
        {
            process.Cores = cores.GeneratorCores(1);
        }

        console.WriteLine($"suite: {cores.Description}");
        var progress = new SuiteProgress(console, time);
        progress.Plan(plans);
        var suite = new SuiteResult
        {
            StartedAt = time.GetUtcNow(),
            Mode = options.Mode,
            Targets = options.Targets,
            Machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}",
            Cores = cores.Description,
        };

        var dashboard = options.DashboardPort is null ? null : new SuiteDashboard();
        await using var page = dashboard is null ? null : await SuiteDashboardServer.StartAsync(options.DashboardPort!.Value, dashboard);
        if (page is not null)
        {
            console.WriteLine($"suite: live page of the step in progress on {page.Url}");
        }

        using var handler = new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var runner = new ExperimentRunner(options, driver, http, progress, time, cores, dashboard, machine);
        ReportFiles files;
        try
        {
            foreach (var plan in plans)
            {
                var result = await runner.RunAsync(plan, ct);
                suite = suite with { Experiments = [.. suite.Experiments, result] };
                // Written after every experiment, so that an interrupted suite still leaves what it measured.
                ReportSet.WriteAll(suite with { FinishedAt = time.GetUtcNow() }, options.OutputDirectory);
            }
        }
        finally
        {
            dashboard?.Finish();
            suite = suite with { FinishedAt = time.GetUtcNow() };
            files = ReportSet.WriteAll(suite, options.OutputDirectory);
        }

        ReportSet.PrintSummary(suite, files, console);
        return suite;
    }

    /// <summary>True when the text is the experiment's id (e6) or name (lb-stress), in any case.</summary>
    public static bool Matches(ExperimentFile file, string id) =>
        string.Equals(file.Id, id, StringComparison.OrdinalIgnoreCase) || string.Equals(file.Name, id, StringComparison.OrdinalIgnoreCase);
}
