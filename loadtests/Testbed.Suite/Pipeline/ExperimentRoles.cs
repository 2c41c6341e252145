using Testbed.Suite.Launch;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// The roles of one running experiment: every role's address (local or compose) and the processes
/// the suite started. Disposing kills the processes, last started first (a proxy before its backends).
/// </summary>
internal sealed class ExperimentRoles : IAsyncDisposable
{
    public Dictionary<string, RoleAddress> Addresses { get; } = [];

    public Dictionary<string, RoleProcess> Processes { get; } = [];

    /// <summary>The roles the suite did not start (compose services), read from their own stats.</summary>
    public RemoteRoleSnapshot Remote { get; } = new();

    /// <summary>Each role that exited, with when and how, worded once at the step it was first seen in.</summary>
    private Dictionary<string, string> Exits { get; } = [];

    /// <summary>
    /// Notes every role process that has exited and was not noted yet, timed from <paramref name="stepStart"/>,
    /// and returns the notes of those that exited since then (the ones that spoil this step).
    /// </summary>
    public List<string> ExitedDuring(string step, DateTimeOffset stepStart)
    {
        var spoiled = new List<string>();
        foreach (var (name, exitedAt, how) in Processes.Select(p => (p.Key, p.Value.ExitedAt, p.Value.ExitDescription)).Concat(Remote.Exits))
        {
            if (exitedAt is not { } at || Exits.ContainsKey(name))
            {
                continue;
            }

            var when = at >= stepStart ? $"at t={(at - stepStart).TotalSeconds:0.0} s into step {step}" : $"before step {step}";
            Exits[name] = $"{name} exited ({how}) {when}";
            if (at >= stepStart)
            {
                spoiled.Add(Exits[name]);
            }
        }

        return spoiled;
    }

    /// <summary>The notes of those of <paramref name="roles"/> that have exited (a step that needs them cannot run).</summary>
    public List<string> ExitedAmong(IEnumerable<string> roles) => roles.Where(Exits.ContainsKey).Select(r => Exits[r]).ToList();

    /// <summary>Counters of those of <paramref name="roles"/> that run as local processes or report their own.</summary>
    public Dictionary<string, RoleSnapshot> Snapshot(IEnumerable<string> roles) =>
        roles.Select(r => (Role: r, Read: Reader(r))).Where(r => r.Read is not null).ToDictionary(r => r.Role, r => r.Read!());

    /// <summary>How to read a role's counters now, or null when they cannot be had.</summary>
    public Func<RoleSnapshot>? Reader(string role) =>
        Processes.TryGetValue(role, out var process) ? process.Snapshot : Remote.Knows(role) ? () => Remote.Snapshot(role) : null;

    public async ValueTask DisposeAsync()
    {
        Remote.Dispose();
        foreach (var process in Processes.Values.Reverse())
        {
            await process.DisposeAsync();
        }
    }
}
