using Testbed.Suite.Claims;
using Testbed.Suite.Launch;
using Testbed.Suite.Results;
using Testbed.Suite.Runs;

namespace Testbed.Suite.Running;

/// <summary>
/// A limit the report names must be a limit in force. After every load each limited role's CPU
/// time over the load's wall time (cores used) is compared with its limit: a cgroup quota cannot be
/// exceeded over a load (at most one 100 ms period's overrun), and a cpulimit that works stays near
/// it, so more than <see cref="Overshoot"/> × the limit means the limit was not applied (an
/// unlimited 0.05-core backend under load uses 10-40× its limit). Throttled time proves a cgroup
/// quota bit; a role that never came near its limit says nothing either way. A compose service's
/// CPU and throttling come from its own stats (<see cref="RemoteRoleSnapshot"/>), so its Compose
/// `cpus:` is checked the same way.
/// </summary>
internal static class LimitCheck
{
    /// <summary>
    /// cpulimit's control loop stops and resumes the target on a time slice and overshoots under a
    /// saturating load by tens of percent; half again over the limit is beyond that and far below
    /// what an unlimited role uses.
    /// </summary>
    public const double Overshoot = 1.5;

    /// <summary>Used at least this share of its limit: the role ran at its limit (saturated).</summary>
    public const double Saturated = 0.8;

    public static void Record(ExperimentResult result, IEnumerable<RoleCost> costs, SuiteProgress progress)
    {
        foreach (var cost in costs)
        {
            if (result.Roles.FirstOrDefault(r => r.Name == cost.Role) is not { Cpus: { } cpus } role
                || double.IsNaN(cost.CpuMs) || !(cost.WallMs > 0))
            {
                continue;
            }

            var cores = cost.CpuMs / cost.WallMs;
            var throttled = cost.ThrottledMs > 0;
            role.PeakCores = Math.Max(role.PeakCores ?? 0, cores);
            var wasInForce = role.LimitCheck?.StartsWith("in force", StringComparison.Ordinal) == true;
            var peak = NumberFormat.Short(role.PeakCores.Value);
            if (role.PeakCores > cpus * Overshoot)
            {
                var first = role.LimitCheck?.StartsWith("limit not in force", StringComparison.Ordinal) != true;
                role.LimitCheck = $"limit not in force: used {peak} core over a load, {NumberFormat.Short(role.PeakCores.Value / cpus)}× its {NumberFormat.Short(cpus)}-core limit";
                if (first)
                {
                    progress.Info($"WARNING {role.Name}: {role.LimitCheck}");
                }
            }
            else if (wasInForce || throttled || cores >= cpus * Saturated)
            {
                role.LimitCheck = $"in force: at most {peak} core over a load" + (throttled || role.LimitCheck?.Contains("throttled") == true ? ", throttled" : "");
            }
            else
            {
                role.LimitCheck = $"not reached: at most {peak} core over a load";
            }
        }
    }
}
