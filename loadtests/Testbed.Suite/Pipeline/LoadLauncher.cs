using Testbed.Suite.Dashboard;
using Testbed.Suite.Launch;
using Testbed.Suite.Loads;

namespace Testbed.Suite.Pipeline;

/// <summary>Plans a step's load as generator processes and runs them side by side, reading the measured roles' counters the moment they end.</summary>
internal sealed class LoadLauncher(SuiteOptions options, ILoadDriver driver, TimeProvider time, CorePlan? cores, SuiteDashboard? dashboard)
{
    /// <summary>
    /// The load as <paramref name="generators"/> processes: one writes raw/STEM.json; several each
    /// run their segment into raw/STEM-gIofG.json, on the core <see cref="CorePlan"/> gives it.
    /// </summary>
    public LoadLaunch Plan(string profile, IReadOnlyList<string> args, string url, string stem, int generators, TimeSpan hardTimeout)
    {
        if (generators == 1)
        {
            return new LoadLaunch([new LoadInvocation(profile, args.ToList(), url, RawPath(stem + ".json"), hardTimeout) { DashboardPort = profile == ProfileNames.Capacity ? null : DashboardPort() }], null, stem);
        }

        var invocations = Enumerable.Range(1, generators).Select(i => new LoadInvocation(
            profile, [.. args, "--segment", $"{i}/{generators}"], url, RawPath($"{stem}-g{i}of{generators}.json"), hardTimeout)
        {
            Cores = cores?.GeneratorCores(i),
            DashboardPort = DashboardPort(),
        }).ToList();
        return new LoadLaunch(invocations, new MergeStep(invocations.Select(i => i.JsonPath).ToList(), RawPath(stem + ".json")), stem);
    }

    /// <summary>Runs the load's generators side by side; the measured roles' counters are read the moment the last ends.</summary>
    public async Task<LaunchedLoad> RunAsync(LoadLaunch launch, ExperimentRoles roles, IReadOnlyList<string> measured, CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var outcomes = await Task.WhenAll(launch.Invocations.Select(i => driver.RunAsync(i, ct)));
        var after = roles.Snapshot(measured);
        return new LaunchedLoad(outcomes, after, time.GetElapsedTime(start).TotalMilliseconds);
    }

    /// <summary>The core the generator with this 1-based number ran on, as its cost records it.</summary>
    public string? GeneratorCores(LoadLaunch launch, int generator) => launch.Invocations[generator - 1].Cores ?? cores?.GeneratorCores(1);

    public string RawPath(string name) => Path.Combine(options.OutputDirectory, "raw", name);

    private int? DashboardPort() => dashboard is null ? null : PortAllocator.FreePort();
}
