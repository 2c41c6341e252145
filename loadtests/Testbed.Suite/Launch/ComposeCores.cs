namespace Testbed.Suite.Launch;

/// <summary>
/// What pinning was in force for a compose run, for the report's header and the machine facts. The
/// suite cannot pin containers itself: docker-compose.yml gives every server service
/// <c>cpuset: ${SERVER_CPUSET:-}</c> and the suite (which runs the load generator)
/// <c>cpuset: ${SUITE_CPUSET:-}</c>; the suite sees its own cpuset as its usable cores and is told
/// SERVER_CPUSET through its environment. Empty means not pinned.
/// </summary>
internal sealed record ComposeCores(int? ServerCoreCount, string Description)
{
    /// <param name="usableCores">The suite container's own cores (its cpuset, SUITE_CPUSET).</param>
    /// <param name="hostCores">The machine's online cores (/sys/devices/system/cpu/online).</param>
    /// <param name="serverCpuset">SERVER_CPUSET as the suite's environment has it (null or empty: not pinned).</param>
    public static ComposeCores Describe(IReadOnlyList<int> usableCores, IReadOnlyList<int> hostCores, string? serverCpuset)
    {
        var load = string.Join(',', usableCores);
        var loadPinned = usableCores.Count < hostCores.Count;
        List<int>? servers = null;
        if (!string.IsNullOrWhiteSpace(serverCpuset))
        {
            try
            {
                servers = CorePlan.ParseList(serverCpuset);
            }
            catch (FormatException)
            {
                return new ComposeCores(null, $"compose: SERVER_CPUSET '{serverCpuset}' is not a core list; load generator on core(s) {load}");
            }
        }

        if (servers is null)
        {
            return new ComposeCores(null, loadPinned
                ? $"compose: load generator pinned to core(s) {load} (SUITE_CPUSET), servers not pinned (SERVER_CPUSET empty): they share every core, the generator's too"
                : "not pinned (compose; SERVER_CPUSET and SUITE_CPUSET empty): the load generator shares every core with the servers");
        }

        var shared = servers.Intersect(usableCores).Any();
        return new ComposeCores(servers.Count,
            $"compose: load generator pinned to core(s) {load} (SUITE_CPUSET{(loadPinned ? "" : " empty: every core")}), servers to core(s) {string.Join(',', servers)} (SERVER_CPUSET)"
            + (shared ? "; the generator shares a core with the servers" : "")
            + " (container cpusets; other processes on the machine are not pinned)");
    }

    /// <summary>The machine's online cores, from /sys/devices/system/cpu/online ("0-1"); the usable ones when unreadable.</summary>
    public static List<int> HostCores(IReadOnlyList<int> fallback)
    {
        try
        {
            return CorePlan.ParseList(File.ReadAllText("/sys/devices/system/cpu/online").Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return [.. fallback];
        }
    }
}
