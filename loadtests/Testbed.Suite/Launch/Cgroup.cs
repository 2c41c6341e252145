using System.Globalization;

namespace Testbed.Suite.Launch;

/// <summary>
/// A cgroup for one role: always for accounting (CPU used by the whole process tree, children
/// included, since they inherit the group), and for the CPU limit when the role has one. v1 mounts
/// cpu and cpuacct at /sys/fs/cgroup/cpu and /sys/fs/cgroup/cpuacct (or together as cpu,cpuacct);
/// v2 has one directory with cpu.max and cpu.stat. Removed on dispose (after its processes died).
/// </summary>
internal sealed class Cgroup : IDisposable
{
    private const long PeriodMicros = 100_000;
    private readonly string _cpuDir;
    private readonly string? _acctDir;
    private readonly bool _v2;

    private Cgroup(string cpuDir, string? acctDir, bool v2)
    {
        _cpuDir = cpuDir;
        _acctDir = acctDir;
        _v2 = v2;
    }

    public string Method => _v2 ? CpuLimitMethods.CgroupV2 : CpuLimitMethods.CgroupV1;

    public string Path => _cpuDir;

    /// <summary>The cgroup.procs files a process writes its pid into to join (one for v2; cpu and cpuacct for a split v1).</summary>
    public IReadOnlyList<string> ProcsFiles => _acctDir is null ? [$"{_cpuDir}/cgroup.procs"] : [$"{_cpuDir}/cgroup.procs", $"{_acctDir}/cgroup.procs"];

    /// <summary>Creates the group, or returns null with the reason (not root, no cpu controller).</summary>
    public static Cgroup? TryCreate(string name, out string? reason, string root = "/sys/fs/cgroup")
    {
        reason = null;
        try
        {
            if (File.Exists($"{root}/cgroup.controllers"))
            {
                if (!File.ReadAllText($"{root}/cgroup.controllers").Split(' ', '\n').Contains("cpu"))
                {
                    reason = "cgroup v2 without the cpu controller";
                    return null;
                }

                // Children of the root get the cpu controller only if the root delegates it.
                File.AppendAllText($"{root}/cgroup.subtree_control", "+cpu");
                var dir = $"{root}/{name}";
                Directory.CreateDirectory(dir);
                return new Cgroup(dir, null, v2: true);
            }

            if (File.Exists($"{root}/cpu/cpu.cfs_quota_us"))
            {
                var cpuDir = $"{root}/cpu/{name}";
                Directory.CreateDirectory(cpuDir);
                string? acctDir = null;
                if (!File.Exists($"{cpuDir}/cpuacct.usage") && File.Exists($"{root}/cpuacct/cpuacct.usage"))
                {
                    acctDir = $"{root}/cpuacct/{name}";
                    Directory.CreateDirectory(acctDir);
                }

                return new Cgroup(cpuDir, acctDir, v2: false);
            }

            reason = $"no writable cgroup cpu controller under {root}";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"cannot create a cgroup ({e.Message.Trim()}); run as root for CPU limits";
            return null;
        }
    }

    /// <summary>
    /// Removes the empty cgroups of earlier suites that died without cleaning up (SIGKILL cannot be
    /// caught): names are testbed-suite-&lt;pid&gt;-…, and a group whose suite pid is gone is stale.
    /// </summary>
    public static int RemoveStale(string root = "/sys/fs/cgroup")
    {
        var removed = 0;
        foreach (var parent in new[] { root, $"{root}/cpu", $"{root}/cpuacct" }.Where(Directory.Exists))
        {
            foreach (var dir in Directory.GetDirectories(parent, "testbed-suite-*"))
            {
                var parts = System.IO.Path.GetFileName(dir).Split('-');
                if (parts.Length < 3 || !int.TryParse(parts[2], out var owner) || owner == Environment.ProcessId || ProcessTree.IsAlive(owner))
                {
                    continue;
                }

                try
                {
                    Directory.Delete(dir);
                    removed++;
                }
                catch (IOException)
                {
                    // Still has members: leave it for whoever owns them.
                }
            }
        }

        return removed;
    }

    public void Add(int pid)
    {
        var text = pid.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText($"{_cpuDir}/cgroup.procs", text);
        if (_acctDir is not null)
        {
            File.WriteAllText($"{_acctDir}/cgroup.procs", text);
        }
    }

    public void SetLimit(double cpus)
    {
        var quota = Math.Max(1000, (long)Math.Round(cpus * PeriodMicros));
        if (_v2)
        {
            File.WriteAllText($"{_cpuDir}/cpu.max", $"{quota} {PeriodMicros}");
        }
        else
        {
            File.WriteAllText($"{_cpuDir}/cpu.cfs_period_us", PeriodMicros.ToString(CultureInfo.InvariantCulture));
            File.WriteAllText($"{_cpuDir}/cpu.cfs_quota_us", quota.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>CPU time used by every process ever in the group, ms.</summary>
    public double UsageMs()
    {
        if (_v2)
        {
            return StatValue("usage_usec") / 1000.0;
        }

        var usage = File.ReadAllText($"{_acctDir ?? _cpuDir}/cpuacct.usage").Trim();
        return long.Parse(usage, CultureInfo.InvariantCulture) / 1_000_000.0;
    }

    /// <summary>Time the group spent throttled by its quota, ms.</summary>
    public double ThrottledMs() => _v2 ? StatValue("throttled_usec") / 1000.0 : StatValue("throttled_time") / 1_000_000.0;

    public List<int> Pids()
    {
        try
        {
            return File.ReadAllLines($"{_cpuDir}/cgroup.procs").Where(l => l.Length > 0).Select(int.Parse).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    public void Dispose()
    {
        // rmdir fails while a member is alive (or still a zombie being reaped): retry briefly.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                foreach (var pid in Pids())
                {
                    ProcessTree.Kill(pid);
                }

                if (_acctDir is not null && Directory.Exists(_acctDir))
                {
                    Directory.Delete(_acctDir);
                }

                if (Directory.Exists(_cpuDir))
                {
                    Directory.Delete(_cpuDir);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
        }
    }

    private long StatValue(string key)
    {
        foreach (var line in File.ReadLines($"{_cpuDir}/cpu.stat"))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && parts[0] == key)
            {
                return long.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
