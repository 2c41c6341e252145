using System.Globalization;

namespace Testbed.Suite.Launch;

/// <summary>
/// Keeps the load generator off the servers' cores: with two or more usable cores, testbed-load runs
/// on the last one and every role on the others (taskset, which sets the affinity and execs, so the
/// pid stays the role's and every worker it forks inherits it). The client's own CPU then no longer
/// comes out of the servers' share. <see cref="Description"/> goes into the report's header, also
/// when pinning is impossible or off.
/// </summary>
internal sealed record CorePlan(string? ServerCores, string? LoadCores, string Description)
{
    public static CorePlan Create(bool enabled, IReadOnlyList<int> usableCores, string? taskset)
    {
        if (!enabled)
        {
            return new CorePlan(null, null, "not pinned (--pin off): the load generator shares every core with the servers");
        }

        if (usableCores.Count < 2)
        {
            return new CorePlan(null, null, $"not pinned: {usableCores.Count} usable core, the load generator shares it with the servers");
        }

        if (taskset is null)
        {
            return new CorePlan(null, null, "not pinned: taskset (util-linux) not found; the load generator shares every core with the servers");
        }

        var load = usableCores[^1].ToString(CultureInfo.InvariantCulture);
        var servers = string.Join(',', usableCores.Take(usableCores.Count - 1));
        return new CorePlan(servers, load, $"load generator pinned to core {load}, servers to core(s) {servers} (taskset; other processes on the machine are not pinned)");
    }

    /// <summary>The cores this process may run on, from /proc/self/status (Cpus_allowed_list: "0-3,6").</summary>
    public static List<int> UsableCores()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        return line is null ? [.. Enumerable.Range(0, Environment.ProcessorCount)] : ParseList(line["Cpus_allowed_list:".Length..].Trim());
    }

    internal static List<int> ParseList(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(part =>
        {
            var range = part.Split('-');
            var from = int.Parse(range[0], CultureInfo.InvariantCulture);
            var to = range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : from;
            return Enumerable.Range(from, to - from + 1);
        }).ToList();

    /// <summary>The command to run <paramref name="fileName"/> on <paramref name="cores"/>: taskset in front, or unchanged.</summary>
    public static (string FileName, List<string> Arguments) Wrap(string? cores, string fileName, IEnumerable<string> arguments) =>
        cores is null || ExecutableLocator.FindOnPath("taskset") is not { } taskset
            ? (fileName, arguments.ToList())
            : (taskset, ["-c", cores, fileName, .. arguments]);
}
