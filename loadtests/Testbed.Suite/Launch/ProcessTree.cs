using System.Diagnostics;
using System.Globalization;

namespace Testbed.Suite.Launch;

/// <summary>
/// A process and its descendants, read from /proc. The web server's --workers supervisor and the
/// TCP server's process mode have children: killing only the root would orphan them, and the
/// root's own CPU time would miss theirs.
/// </summary>
internal static class ProcessTree
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static List<int> WithDescendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var (pid, ppid) in AllParents())
        {
            if (!children.TryGetValue(ppid, out var list))
            {
                children[ppid] = list = [];
            }

            list.Add(pid);
        }

        var result = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(root);
        while (queue.Count > 0 && result.Count < 100_000)
        {
            var pid = queue.Dequeue();
            result.Add(pid);
            if (children.TryGetValue(pid, out var list))
            {
                foreach (var child in list)
                {
                    queue.Enqueue(child);
                }
            }
        }

        return result;
    }

    /// <summary>CPU time of the tree in ms: user + system of each live member plus what it has reaped from dead children.</summary>
    public static double CpuMs(int root)
    {
        var ticks = 0L;
        foreach (var pid in WithDescendants(root))
        {
            var fields = StatFields(pid);
            if (fields is not null && fields.Length > 14)
            {
                // After the ")" of comm: [0]=state [1]=ppid ... [11]=utime [12]=stime [13]=cutime [14]=cstime.
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
        }

        return ticks * 1000 / TicksPerSecond;
    }

    /// <summary>
    /// Time the tree's live threads spent runnable but waiting for a core, in ms: the sum of each
    /// thread's run-queue delay (<c>/proc/PID/task/TID/schedstat</c>, second field, ns). CPU a role
    /// wanted and did not get, because its other threads or other processes held its cores.
    /// NaN where schedstat is not readable.
    /// </summary>
    public static double RunQueueWaitMs(int root) => Testbed.Common.ProcessFigures.RunQueueWait(WithDescendants(root)) ?? double.NaN;

    public static int OpenDescriptors(int root)
    {
        var count = 0;
        foreach (var pid in WithDescendants(root))
        {
            try
            {
                count += Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended between listing and reading: it holds no descriptors.
            }
        }

        return count;
    }

    public static bool IsAlive(int pid)
    {
        var fields = StatFields(pid);
        return fields is not null && fields[0] != "Z" && fields[0] != "X";
    }

    /// <summary>SIGKILL the whole tree; the descendants are listed before the root dies so none escapes to init unnoticed.</summary>
    public static void Kill(int root, IEnumerable<int>? alsoKill = null)
    {
        var pids = WithDescendants(root).Concat(alsoKill ?? []).Distinct().ToList();
        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    private static IEnumerable<(int Pid, int Ppid)> AllParents()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            var fields = StatFields(pid);
            if (fields is not null && int.TryParse(fields[1], out var ppid))
            {
                yield return (pid, ppid);
            }
        }
    }

    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close < 0 ? null : stat[(close + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
