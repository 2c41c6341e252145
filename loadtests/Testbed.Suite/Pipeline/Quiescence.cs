using Testbed.Suite.Launch;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Before a measured load the measured roles must be idle: waits (at most <see cref="QuietLimit"/>)
/// until they use less than <see cref="QuietCores"/> of a core over <see cref="QuietWindow"/>, then
/// reads their counters. The runtime compiles hot methods at tier 1 in the background some 100 ms
/// after they got hot, and collects garbage after a load: work a warm-up or the previous step
/// started would otherwise be charged to this run's CPU per request (tens of ms, as much as a whole
/// 300-request run costs at limit=1 in E9).
/// </summary>
internal sealed class Quiescence(TimeProvider time)
{
    private static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(3);
    private const double QuietCores = 0.05;

    /// <summary>The measured roles' counters once they are quiet (or the limit passed): the "before" of the load's cost.</summary>
    public async Task<Dictionary<string, RoleSnapshot>> QuiesceAndSnapshotAsync(ExperimentRoles roles, IReadOnlyList<string> measured, CancellationToken ct)
    {
        var start = time.GetTimestamp();
        while (time.GetElapsedTime(start) < QuietLimit)
        {
            var before = roles.Snapshot(measured);
            await Task.Delay(QuietWindow, time, ct);
            var after = roles.Snapshot(measured);
            if (UsedCpuMs(before, after) < QuietCores * QuietWindow.TotalMilliseconds)
            {
                break;
            }
        }

        return roles.Snapshot(measured);
    }

    /// <summary>The CPU the roles used between two readings, ms (a role not read both times, or unknown, counts nothing).</summary>
    internal static double UsedCpuMs(IReadOnlyDictionary<string, RoleSnapshot> before, IReadOnlyDictionary<string, RoleSnapshot> after) =>
        after.Sum(a => before.TryGetValue(a.Key, out var b) && !double.IsNaN(a.Value.CpuMs - b.CpuMs) ? a.Value.CpuMs - b.CpuMs : 0);
}
