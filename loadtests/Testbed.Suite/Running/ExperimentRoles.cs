using Testbed.Suite.Launch;

namespace Testbed.Suite.Running;

/// <summary>
/// The roles of one running experiment: every role's address (local or compose) and the processes
/// the suite started. Disposing kills the processes, last started first (a proxy before its backends).
/// </summary>
internal sealed class ExperimentRoles : IAsyncDisposable
{
    public Dictionary<string, RoleAddress> Addresses { get; } = [];

    public Dictionary<string, RoleProcess> Processes { get; } = [];

    /// <summary>Counters of those of <paramref name="roles"/> that run as local processes.</summary>
    public Dictionary<string, RoleSnapshot> Snapshot(IEnumerable<string> roles) =>
        roles.Where(Processes.ContainsKey).ToDictionary(r => r, r => Processes[r].Snapshot());

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Processes.Values.Reverse())
        {
            await process.DisposeAsync();
        }
    }
}
