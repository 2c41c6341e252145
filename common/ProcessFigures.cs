using System.Globalization;

namespace Testbed.Common;

/// <summary>
/// What a server measures of itself for its stats, so that whoever did not start it (the suite
/// against a Compose service, a Swarm task or a Kubernetes pod) gets the figures the suite reads
/// from /proc and the cgroup for a process it started: CPU time (user + system, ms) and open
/// descriptors of the whole server, i.e. the root process and every descendant (the web
/// supervisor's workers, the TCP server's children; what dead children used is in their parent's
/// cutime/cstime), and the CPU throttling of the cgroup the server runs in (v2 cpu.stat
/// nr_periods / nr_throttled / throttled_usec, v1 cpu.stat nr_periods / nr_throttled /
/// throttled_time) with its quota in cores. Null where a figure cannot be read. CpuSource says
/// where CpuMs comes from: "cgroup" (the usage of a cgroup that holds only this server and its
/// ancestors, e.g. a container: ns resolution) or "proc" (/proc ticks, 10 ms resolution).
/// RunQueueWaitMs is the time the tree's live threads spent runnable but waiting for a core
/// (schedstat's second field, summed): CPU the server wanted and did not get. The suite reads the
/// same sum from /proc for a role it started, so a step's limit reads the same in a container.
/// </summary>
internal sealed record ProcessFigures(
    int Root,
    int Processes,
    double CpuMs,
    string CpuSource,
    int Fds,
    string? Cgroup,
    long? NrPeriods,
    long? NrThrottled,
    double? ThrottledMs,
    double? QuotaCores,
    double? RunQueueWaitMs = null)
{
    // USER_HZ, the unit of utime/stime in /proc/<pid>/stat: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The figures of this process and its descendants.</summary>
    public static ProcessFigures ForSelf() => ForTree(Environment.ProcessId);

    /// <summary>
    /// The figures of <paramref name="root"/> and its descendants (a supervisor's worker passes its
    /// parent, so that every worker answers /stats for the whole server).
    /// </summary>
    public static ProcessFigures ForTree(int root)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new ProcessFigures(root, 0, 0, "none", 0, null, null, null, null, null);
        }

        var pids = Tree(root);
        var ticks = 0L;
        var fds = 0;
        foreach (var pid in pids)
        {
            var fields = StatFields(pid);
            if (fields is not null && fields.Length > 14)
            {
                // After the ")" of comm: [11]=utime [12]=stime [13]=cutime [14]=cstime.
                ticks += Long(fields[11]) + Long(fields[12]) + Long(fields[13]) + Long(fields[14]);
            }

            try
            {
                fds += Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It exited between the listing and now: it holds no descriptors.
            }
        }

        var (cgroup, stat, quota) = CpuCgroup(root);
        var cpuMs = ticks * 1000 / TicksPerSecond;
        var cpuSource = "proc";
        if (cgroup is not null && ExclusiveUsageMs(root, pids, cgroup, stat) is { } usage)
        {
            // /proc counts CPU in 10 ms ticks per process: ±50 ms over a 5-process server, the size
            // of a light load's whole cost. A cgroup that holds only this server (a container)
            // counts it in ns, as the suite's own cgroup does for a local role.
            cpuMs = usage;
            cpuSource = "cgroup";
        }

        long? periods = null, throttled = null;
        double? throttledMs = null;
        if (stat is not null)
        {
            periods = Value(stat, "nr_periods");
            throttled = Value(stat, "nr_throttled");
            throttledMs = Value(stat, "throttled_usec") is { } us ? us / 1000.0 : Value(stat, "throttled_time") is { } ns ? ns / 1_000_000.0 : null;
        }

        return new ProcessFigures(root, pids.Count, cpuMs, cpuSource, fds, cgroup, periods, throttled, throttledMs, quota, RunQueueWait(pids));
    }

    /// <summary>
    /// The run-queue delay of every live thread of <paramref name="pids"/>, ms; null where schedstat
    /// is unreadable. The suite reads a role it started with the same method.
    /// </summary>
    public static double? RunQueueWait(IEnumerable<int> pids)
    {
        var ns = 0L;
        var read = false;
        foreach (var pid in pids)
        {
            string[] tasks;
            try
            {
                tasks = Directory.GetDirectories($"/proc/{pid}/task");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var task in tasks)
            {
                try
                {
                    var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var delay))
                    {
                        ns += delay;
                        read = true;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The thread ended between the listing and the read.
                }
            }
        }

        return read ? ns / 1e6 : null;
    }

    /// <summary>The parent of this process (a supervised worker's supervisor), or this process when unknown.</summary>
    public static int ParentOfSelf() =>
        OperatingSystem.IsLinux() && StatFields(Environment.ProcessId) is { Length: > 1 } fields && int.TryParse(fields[1], out var ppid) && ppid > 1
            ? ppid
            : Environment.ProcessId;

    private static List<int> Tree(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && StatFields(pid) is { Length: > 1 } fields && int.TryParse(fields[1], out var ppid))
            {
                (children.TryGetValue(ppid, out var list) ? list : children[ppid] = []).Add(pid);
            }
        }

        var result = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0 && result.Count < 100_000)
        {
            var pid = queue.Dequeue();
            result.Add(pid);
            foreach (var child in children.GetValueOrDefault(pid, []))
            {
                queue.Enqueue(child);
            }
        }

        return result;
    }

    /// <summary>The fields of /proc/PID/stat after the command name, or null when it is gone.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            return close < 0 ? null : text[(close + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The process's CPU cgroup, its cpu.stat and its quota. In a container with its own cgroup
    /// namespace (v2) or a v1 mount of its own group, the group is the mount's root; otherwise the
    /// path of /proc/PID/cgroup under the mount.
    /// </summary>
    private static (string? Path, string? Stat, double? Quota) CpuCgroup(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/cgroup");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null, null);
        }

        foreach (var line in lines)
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            var v2 = parts[0] == "0" && parts[1].Length == 0;
            if (!v2 && !parts[1].Split(',').Contains("cpu"))
            {
                continue;
            }

            var mount = v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/" + (Directory.Exists("/sys/fs/cgroup/" + parts[1]) ? parts[1] : "cpu");
            foreach (var dir in new[] { mount + parts[2].TrimEnd('/'), mount })
            {
                var stat = Read(dir + "/cpu.stat");
                if (stat is null || !stat.Contains("nr_periods", StringComparison.Ordinal))
                {
                    continue;
                }

                return (dir, stat, v2 ? QuotaV2(Read(dir + "/cpu.max")) : QuotaV1(Read(dir + "/cpu.cfs_quota_us"), Read(dir + "/cpu.cfs_period_us")));
            }

            if (v2 && lines.Length > 1)
            {
                continue; // a hybrid host: the v1 cpu controller line may still follow
            }
        }

        return (null, null, null);
    }

    /// <summary>
    /// The CPU usage (ms) of the server's cgroup when it holds nothing but the server's processes and
    /// their ancestors (a container's init), else null: then the group is shared and says nothing of the server.
    /// </summary>
    private static double? ExclusiveUsageMs(int root, List<int> tree, string cpuDir, string? stat)
    {
        var allowed = new HashSet<int>(tree);
        for (var pid = root; StatFields(pid) is { Length: > 1 } fields && int.TryParse(fields[1], out var parent) && parent > 0 && allowed.Add(parent); pid = parent)
        {
        }

        var procs = Read(cpuDir + "/cgroup.procs");
        if (procs is null || procs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Any(p => !int.TryParse(p, out var pid) || !allowed.Contains(pid)))
        {
            return null;
        }

        if (stat is not null && Value(stat, "usage_usec") is { } usec)
        {
            return usec / 1000.0; // v2
        }

        // v1: cpuacct is its own hierarchy, mounted beside cpu or joined with it ("cpu,cpuacct").
        foreach (var dir in new[] { cpuDir, cpuDir.Replace("/sys/fs/cgroup/cpu/", "/sys/fs/cgroup/cpuacct/", StringComparison.Ordinal), cpuDir == "/sys/fs/cgroup/cpu" ? "/sys/fs/cgroup/cpuacct" : cpuDir })
        {
            if (long.TryParse(Read(dir + "/cpuacct.usage")?.Trim(), CultureInfo.InvariantCulture, out var ns))
            {
                return ns / 1_000_000.0;
            }
        }

        return null;
    }

    private static double? QuotaV2(string? max)
    {
        var parts = max?.Trim().Split(' ');
        return parts is { Length: 2 } && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var quota) && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var period) && period > 0
            ? quota / period
            : null; // "max": unlimited
    }

    private static double? QuotaV1(string? quota, string? period) =>
        double.TryParse(quota?.Trim(), CultureInfo.InvariantCulture, out var q) && q > 0 && double.TryParse(period?.Trim(), CultureInfo.InvariantCulture, out var p) && p > 0 ? q / p : null;

    private static long? Value(string stat, string key)
    {
        foreach (var line in stat.Split('\n'))
        {
            var space = line.IndexOf(' ');
            if (space > 0 && line.AsSpan(0, space).SequenceEqual(key) && long.TryParse(line.AsSpan(space + 1), CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Long(string field) => long.TryParse(field, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
