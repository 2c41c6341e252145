using Testbed.Suite.Verification;
using Testbed.Suite.Experiments;
using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Correctness before speed, for one experiment: every load's target first answers once (status
/// 200, or the echo contract for a TCP role), then the file's explicit checks, then each set of
/// variants that must answer equivalently. A failed check fails the experiment before any load.
/// </summary>
internal sealed class ExperimentVerifier(HttpClient http, SuiteProgress progress)
{
    private readonly Verifier _verifier = new(http);

    public async Task<VerificationOutcome> VerifyAsync(ExperimentPlan plan, IReadOnlyDictionary<string, RoleAddress> addresses, CancellationToken ct)
    {
        var results = new List<CheckResult>();
        var roleKinds = plan.File.Roles.ToDictionary(r => r.Name, r => r.Kind);
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
                : await _verifier.CheckHttpAsync($"{role} {path}", address.Url + path, status, contains, ct);
            results.Add(check);
        }

        foreach (var equivalence in plan.File.Equivalent)
        {
            var urls = equivalence.Targets.Select(t => addresses[t.Role].Url + plan.Resolve(t.Path, addresses, t.Role)).ToList();
            results.Add(await _verifier.CheckEquivalenceAsync(equivalence.Name, equivalence.Compare, urls, ct));
        }

        foreach (var check in results)
        {
            progress.Info($"verify {(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
        }

        var failed = results.FirstOrDefault(c => !c.Passed);
        return new VerificationOutcome(results, failed is null ? null : $"verification failed: {failed.Name}: {failed.Detail}");
    }
}
