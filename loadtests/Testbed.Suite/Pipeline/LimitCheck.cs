using Testbed.Suite.Claims;
using Testbed.Suite.Launch;
using Testbed.Suite.Results;
using Testbed.Suite.Measurement;

namespace Testbed.Suite.Pipeline;

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

    /// <summary>
    /// The roles with what one load's <paramref name="costs"/> showed of their limits (peak cores and
    /// whether the limit was in force); <paramref name="warn"/> hears of a limit first seen not in force.
    /// </summary>
    public static IReadOnlyList<RoleResult> Apply(IReadOnlyList<RoleResult> roles, IEnumerable<RoleCost> costs, Action<string> warn)
    {
        var updated = roles.ToList();
        foreach (var cost in costs)
        {
            var index = updated.FindIndex(r => r.Name == cost.Role);
            if (index >= 0)
            {
                updated[index] = Next(updated[index], cost, warn);
            }
        }

        return updated;
    }

    private static RoleResult Next(RoleResult role, RoleCost cost, Action<string> warn)
    {
        if (role.Cpus is not { } cpus || double.IsNaN(cost.CpuMs) || !(cost.WallMs > 0))
        {
            return role;
        }

        var cores = cost.CpuMs / cost.WallMs;
        var throttled = cost.ThrottledMs > 0;
        var peakCores = Math.Max(role.PeakCores ?? 0, cores);
        var wasInForce = role.LimitCheck?.StartsWith("in force", StringComparison.Ordinal) == true;
        var peak = NumberFormat.Short(peakCores);
        string check;
        if (peakCores > cpus * Overshoot)
        {
            check = $"limit not in force: used {peak} core over a load, {NumberFormat.Short(peakCores / cpus)}× its {NumberFormat.Short(cpus)}-core limit";
            if (role.LimitCheck?.StartsWith("limit not in force", StringComparison.Ordinal) != true)
            {
                warn($"WARNING {role.Name}: {check}");
            }
        }
        else if (wasInForce || throttled || cores >= cpus * Saturated)
        {
            check = $"in force: at most {peak} core over a load" + (throttled || role.LimitCheck?.Contains("throttled") == true ? ", throttled" : "");
        }
        else
        {
            check = $"not reached: at most {peak} core over a load";
        }

        return role with { PeakCores = peakCores, LimitCheck = check };
    }
}
