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

    /// <summary>Each role that exited, with when and how, worded once at the step it was first seen in.</summary>
    private Dictionary<string, string> Exits { get; } = [];

    /// <summary>
    /// Notes every role process that has exited and was not noted yet, timed from <paramref name="stepStart"/>,
    /// and returns the notes of those that exited since then (the ones that spoil this step).
    /// </summary>
    public List<string> ExitedDuring(string step, DateTimeOffset stepStart)
    {
        var spoiled = new List<string>();
        foreach (var (name, process) in Processes)
        {
            if (process.ExitedAt is not { } at || Exits.ContainsKey(name))
            {
                continue;
            }

            var when = at >= stepStart ? $"at t={(at - stepStart).TotalSeconds:0.0} s into step {step}" : $"before step {step}";
            Exits[name] = $"{name} exited ({process.ExitDescription}) {when}";
            if (at >= stepStart)
            {
                spoiled.Add(Exits[name]);
            }
        }

        return spoiled;
    }

    /// <summary>The notes of those of <paramref name="roles"/> that have exited (a step that needs them cannot run).</summary>
    public List<string> ExitedAmong(IEnumerable<string> roles) => roles.Where(Exits.ContainsKey).Select(r => Exits[r]).ToList();

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
