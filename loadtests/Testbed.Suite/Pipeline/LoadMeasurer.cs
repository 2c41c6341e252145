using Testbed.Suite.Dashboard;
using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Loads;
using Testbed.Suite.Measurement;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Measures one load of a step, in named pieces: quiesce the measured roles and read their counters
/// (<see cref="Quiescence"/>), launch the generators (<see cref="LoadLauncher"/>), let a TCP server
/// settle (<see cref="DescriptorSettle"/>), read and merge the records (<see cref="RunReader"/>),
/// and cost the roles (<see cref="RoleCosts"/>). A step of another kind (several loads, each with
/// its own arguments) calls it once per load.
/// </summary>
internal sealed class LoadMeasurer(SuiteOptions options, ILoadDriver driver, TimeProvider time, CorePlan? cores, SuiteDashboard? dashboard)
{
    private readonly Quiescence _quiet = new(time);
    private readonly LoadLauncher _launcher = new(options, driver, time, cores, dashboard);
    private readonly DescriptorSettle _settle = new(time);
    private readonly RunReader _reader = new(driver);
    private readonly RoleStatsReader _stats = new();

    /// <summary>
    /// One load of <paramref name="step"/> with <paramref name="args"/>, its files named after
    /// <paramref name="stem"/>. <paramref name="starting"/> hears the command before it runs;
    /// <paramref name="roleGone"/> says, once it ended, whether a role died under it (then nothing is read).
    /// </summary>
    public async Task<LoadAttempt> MeasureAsync(
        ExperimentFile file, StepRuns step, IReadOnlyList<string> args, string stem, int generators, TimeSpan hardTimeout,
        ExperimentRoles roles, Action<string> starting, Func<bool> roleGone, (int Number, int Total) progress, CancellationToken ct)
    {
        var spec = step.Spec;
        var launch = _launcher.Plan(spec.Profile, args, step.Url, stem, generators, hardTimeout);
        var commandLine = launch.CommandLine;
        starting(commandLine);
        var before = await _quiet.QuiesceAndSnapshotAsync(roles, step.Measured, ct);
        var statsBefore = await _stats.ReadAsync(file, roles, step.Measured, ct);
        dashboard?.StepStarted(file.Id, spec.Name, progress.Number, progress.Total, launch.Invocations.ToList());
        var launched = await _launcher.RunAsync(launch, roles, step.Measured, ct);
        var statsAfter = await _stats.ReadAsync(file, roles, step.Measured, ct);
        var tcpTarget = file.Roles.First(r => r.Name == spec.Role).Kind == RoleKinds.Tcp;
        var after = tcpTarget && roles.Reader(spec.Role) is { } tcpServer
            ? await _settle.SettleAsync(tcpServer, before.GetValueOrDefault(spec.Role), launched.After, spec.Role, ct)
            : launched.After;
        if (roleGone())
        {
            // Whatever the load measured, a role died under it: its figures describe no set-up.
            dashboard?.StepEnded(spec.Name, "not evaluated");
            return new LoadAttempt(commandLine, null, null);
        }

        var read = await _reader.ReadAsync(launch, launched.Outcomes, ct);
        if (read.Run is null)
        {
            dashboard?.StepEnded(spec.Name, "failed");
            return new LoadAttempt(commandLine, null, read.Error);
        }

        var costs = RoleCosts.Between(step.Measured, before, after, launched.WallMs);
        var metrics = StepMetrics.Compute(read.Run, costs, spec.Role);
        var generatorCosts = GeneratorCost.From(read.Segments, launched.WallMs, i => _launcher.GeneratorCores(launch, i));
        var roleStats = step.Measured.Where(r => statsBefore.ContainsKey(r) && statsAfter.ContainsKey(r))
            .Select(r => RoleLoadStats.Between(r, statsBefore[r], statsAfter[r], read.Run.DurationSeconds * 1000)).ToList();
        return new LoadAttempt(commandLine, new MeasuredLoad(read.Run, costs, metrics, commandLine, generatorCosts, launch.RawFiles, roleStats), null);
    }
}
