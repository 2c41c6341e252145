using Testbed.Suite.Launch;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// A TCP server may still be working through its backlog when the load ends (connections accepted
/// but not yet answered hold descriptors). A leak is what remains once it has gone quiet: wait until
/// the count is back near its start or stops falling, at most <see cref="SettleLimit"/>. CPU is
/// still taken from the moment the load ended.
/// </summary>
internal sealed class DescriptorSettle(TimeProvider time)
{
    private static readonly TimeSpan TcpSettle = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(20);

    /// <summary><paramref name="cpuAfter"/> with the server role's descriptors (and liveness) read once it settled.</summary>
    public async Task<Dictionary<string, RoleSnapshot>> SettleAsync(Func<RoleSnapshot> server, RoleSnapshot? before, Dictionary<string, RoleSnapshot> cpuAfter, string role, CancellationToken ct)
    {
        var start = time.GetTimestamp();
        var previous = double.MaxValue;
        var steady = 0;
        RoleSnapshot now;
        while (true)
        {
            await Task.Delay(TcpSettle, time, ct);
            now = server();
            if (!now.Alive || before is null || now.Fds <= before.Fds + 5 || time.GetElapsedTime(start) > SettleLimit)
            {
                break;
            }

            steady = now.Fds < previous ? 0 : steady + 1;
            previous = now.Fds;
            if (steady >= 3)
            {
                break;
            }
        }

        return new Dictionary<string, RoleSnapshot>(cpuAfter) { [role] = cpuAfter[role] with { Fds = now.Fds, Alive = now.Alive } };
    }
}
