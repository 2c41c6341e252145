using System.Globalization;

namespace Testbed.Suite.Launch;

/// <summary>
/// Keeps the load generator off the servers' cores: with two or more usable cores, testbed-load runs
/// on the last one (several generators: see <see cref="Create"/>) and every role on the others (taskset, which sets the affinity and execs, so the
/// pid stays the role's and every worker it forks inherits it). The client's own CPU then no longer
/// comes out of the servers' share. <see cref="Description"/> goes into the report's header, also
/// when pinning is impossible or off.
/// </summary>
internal sealed record CorePlan(string? ServerCores, string? LoadCores, string Description)
{
    /// <param name="generators">
    /// The most generators any selected step runs at once. Each generator gets a core of its own as
    /// long as the servers keep at least half of the cores; beyond that generators share the load
    /// cores in turn (on two cores: all on the last one, and their CPU shares in the report say
    /// whether that core was the limit). The servers' cores stay the same for every step of the run,
    /// so that steps with one and with several generators measure the same servers.
    /// </param>
    public static CorePlan Create(bool enabled, IReadOnlyList<int> usableCores, string? taskset, int generators = 1)
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

        var count = Math.Clamp(generators, 1, usableCores.Count / 2);
        var load = string.Join(',', usableCores.Skip(usableCores.Count - count));
        var servers = string.Join(',', usableCores.Take(usableCores.Count - count));
        var description = generators <= 1
            ? $"load generator pinned to core {load}, servers to core(s) {servers} (taskset; other processes on the machine are not pinned)"
            : $"load generators (up to {generators} at once) pinned to core(s) {load}, one core each in turn"
              + (generators > count ? $" ({generators} generators share {count} core(s))" : "")
              + $", servers to core(s) {servers} (taskset; other processes on the machine are not pinned)";
        return new CorePlan(servers, load, description);
    }

    /// <summary>The core generator <paramref name="index"/> (1-based) runs on: the load cores in turn; null when not pinned.</summary>
    public string? GeneratorCores(int index)
    {
        if (LoadCores is null)
        {
            return null;
        }

        var cores = LoadCores.Split(',');
        return cores[(index - 1) % cores.Length];
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
