using Testbed.Suite.Dashboard;
using Testbed.Suite.Loads;
using Testbed.Suite.Measurement;
using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Runs one experiment through its stages, each taking what it needs and returning its outcome:
/// start its roles (or use the compose addresses), wait until every balancer sees all its backends
/// healthy, verify, measure each load step, then grade claims and expectations. The first stage that
/// fails names the experiment's failure and skips the later stages but the grading; the roles are
/// always killed. The result is built once, from the outcomes.
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
        progress.BeginExperiment(plan);
        dashboard?.ExperimentStarted(file.Id, file.Title);
        RolesOutcome? roles = null;
        VerificationOutcome? verification = null;
        StepsOutcome? steps = null;
        string? failure = null;
        try
        {
            await using var processes = new ExperimentRoles();
            roles = await _starter.StartAsync(plan, processes, ct);
            failure = roles.Failure
                ?? (await _balancers.WaitAsync(file, processes.Addresses, ct)).Failure
                ?? (verification = await _verifier.VerifyAsync(plan, processes.Addresses, ct)).Failure
                ?? (steps = await _steps.RunAsync(plan, processes, roles.Roles, ct)).Failure;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure ??= $"{e.GetType().Name}: {e.Message}";
        }

        var stepResults = steps?.Steps ?? [];
        var grades = ClaimEvaluator.Evaluate(file, stepResults, failure, MetricTable.Of(plan.Parameters, machine, steps?.Measured ?? []));
        var result = new ExperimentResult(file)
        {
            Mode = plan.Mode,
            FailureReason = failure,
            DurationSeconds = time.GetElapsedTime(started).TotalSeconds,
            Roles = steps?.Roles ?? roles?.Roles ?? [],
            Warnings = roles?.Warnings ?? [],
            Checks = verification?.Checks ?? [],
            Steps = stepResults,
            Claims = grades.Claims,
            Expectations = grades.Expectations,
            Figures = grades.Figures,
        };
        var status = result.Status == ExperimentStatuses.Ran ? "done" : "FAILED: " + result.FailureReason;
        progress.EndExperiment(status, result.DurationSeconds);
        dashboard?.ExperimentEnded(file.Id, status);
        return result;
    }
}
