using Testbed.Suite.Experiments;
using Testbed.Suite.Launch;
using Testbed.Suite.Measurement;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// Reads the measured roles' own stats before and after a load (<see cref="RoleStatsReading"/>):
/// every HTTP role answers at /stats (a balancer at /proxy/stats), local or not; a TCP role only
/// where its stats port is known (compose services: its port + 100). A role that does not answer
/// within <see cref="Timeout"/> is left out: its limit is then read from its CPU alone. For a role
/// the suite started it adds the run-queue wait of the role's threads (<see cref="ProcessTree.RunQueueWaitMs"/>).
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
            if (!roles.Processes.TryGetValue(role, out var process))
            {
                return (role, stats);
            }

            // A role the suite started: its threads' run-queue wait read here, as its stats answer also gives it.
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
