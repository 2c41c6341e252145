using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Measurement;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Reads the measured roles' own stats before and after a load (<see cref="RoleStatsReading"/>):
/// every HTTP role answers at /stats (a balancer at /proxy/stats), local or not; a TCP role only
/// where its stats port is known (compose services: its port + 100). A role that does not answer
/// within <see cref="Timeout"/> is left out: its limit is then read from its CPU alone. The run-queue
/// wait of the role's threads comes with the answer; for a role the suite started that gives none,
/// the suite reads it itself (<see cref="ProcessTree.RunQueueWaitMs"/>).
/// </summary>
internal sealed class RoleStatsReader
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly HttpClient Http = new() { Timeout = Timeout };

    /// <summary>Each of <paramref name="measured"/> that answered, with its figures now.</summary>
    public async Task<Dictionary<string, RoleStatsReading>> ReadAsync(ExperimentFile file, ExperimentRoles roles, IReadOnlyList<string> measured, CancellationToken ct)
    {
        var reads = measured.Select(async role =>
        {
            var stats = await AnswerAsync(Url(file, roles, role), ct);
            if (stats?.RunQueueWaitMs is not null || !roles.Processes.TryGetValue(role, out var process))
            {
                return (role, stats);
            }

            // A role the suite started whose answer lacks the run-queue wait (no stats port: a local
            // TCP role): read from /proc with the same method the servers use.
            var wait = ProcessTree.RunQueueWaitMs(process.Pid);
            return (role, double.IsNaN(wait) ? stats : (stats ?? new RoleStatsReading()) with { RunQueueWaitMs = wait });
        });
        var read = await Task.WhenAll(reads);
        return read.Where(r => r.Item2 is not null).ToDictionary(r => r.role, r => r.Item2!);
    }

    private static async Task<RoleStatsReading?> AnswerAsync(Uri? url, CancellationToken ct)
    {
        if (url is null)
        {
            return null;
        }

        try
        {
            return RoleStatsReading.Parse(await Http.GetStringAsync(url, ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static Uri? Url(ExperimentFile file, ExperimentRoles roles, string role)
    {
        var spec = file.Roles.FirstOrDefault(r => r.Name == role);
        if (spec is null || !roles.Addresses.TryGetValue(role, out var address) || (spec.Kind == RoleKinds.Tcp && spec.Compose is null) || roles.Processes.ContainsKey(role) && spec.Kind == RoleKinds.Tcp)
        {
            return null;
        }

        return RemoteRoleSnapshot.StatsUrl(spec.Exe, spec.Kind, address.Host, address.Port);
    }
}
