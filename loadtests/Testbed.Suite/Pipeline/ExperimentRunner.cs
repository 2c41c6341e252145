using Testbed.Suite.Dashboard;
using Testbed.Suite.Experiments;
using Testbed.Suite.Loads;
using Testbed.Suite.Results;
using Testbed.Suite.Verification;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Runs one experiment through its stages: start its roles (or use the compose addresses), wait until
/// every balancer sees all its backends healthy, verify,
/// run each load step, then grade claims and expectations. Any failure marks the experiment failed
/// with the reason and skips the later stages but the grading; the roles are always killed.
/// </summary>
internal sealed class ExperimentRunner(SuiteOptions options, ILoadDriver driver, HttpClient http, SuiteProgress progress, TimeProvider time, Launch.CorePlan? cores = null, SuiteDashboard? dashboard = null, IReadOnlyDictionary<string, double>? machine = null)
{
    private readonly RoleStarter _starter = new(options, http, progress, cores?.ServerCores);
    private readonly BalancerReadiness _balancers = new(http, progress, time);
    private readonly ExperimentVerifier _verifier = new(http, progress);
    private readonly StepExecutor _steps = new(options, driver, progress, time, cores, dashboard);

    public async Task<ExperimentResult> RunAsync(ExperimentPlan plan, CancellationToken ct)
    {
        var file = plan.File;
        var started = time.GetTimestamp();
        var result = NewResult(plan);
        var table = new MetricTable(plan.Parameters, machine);
        progress.BeginExperiment(plan);
        dashboard?.ExperimentStarted(file.Id, file.Title);
        try
        {
            await using var roles = new ExperimentRoles();
            if (await _starter.StartAsync(plan, result, roles, ct)
                && await _balancers.WaitAsync(file, result, roles.Addresses, ct)
                && await _verifier.VerifyAsync(plan, result, roles.Addresses, ct))
            {
                await _steps.RunAsync(plan, result, roles, table, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result.Fail($"{e.GetType().Name}: {e.Message}");
        }

        ClaimEvaluator.Evaluate(plan, result, table);
        result.DurationSeconds = time.GetElapsedTime(started).TotalSeconds;
        var status = result.Status == ExperimentStatuses.Ran ? "done" : "FAILED: " + result.FailureReason;
        progress.EndExperiment(status, result.DurationSeconds);
        dashboard?.ExperimentEnded(file.Id, status);
        return result;
    }

    /// <summary>The experiment's result before any stage: what its file and parameter set say.</summary>
    public static ExperimentResult NewResult(ExperimentPlan plan) => new()
    {
        Id = plan.File.Id,
        Name = plan.File.Name,
        Title = plan.File.Title,
        Source = plan.File.Source,
        Explanation = plan.File.Explanation,
        QuickNote = plan.Mode == RunModes.Quick ? plan.File.QuickNote : null,
        SetupNote = plan.File.SetupNote,
        Mode = plan.Mode,
        Parameters = new Dictionary<string, string>(plan.Parameters),
        Charts = plan.File.Charts,
    };
}
