using Testbed.Suite.Launch;

namespace Testbed.Suite.Measurement;

/// <summary>What each measured role spent between two readings of its counters (a role not read both times: all unknown).</summary>
internal static class RoleCosts
{
    public static List<RoleCost> Between(IEnumerable<string> roles, IReadOnlyDictionary<string, RoleSnapshot> before, IReadOnlyDictionary<string, RoleSnapshot> after, double wallMs) =>
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
                WallMs = wallMs,
            }
            : new RoleCost { Role = role }).ToList();
}
