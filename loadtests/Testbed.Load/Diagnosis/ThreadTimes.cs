using System.Globalization;

namespace Testbed.Load.Diagnosis;

/// <summary>
/// Per-thread CPU and run-queue wait of this process from /proc/self/task/*/schedstat (Linux,
/// nanoseconds): the wait is the time a thread was runnable but had no core, which rusage cannot
/// show. A generator pinned to a core it shares with a busy process uses half of it and waits the
/// other half: short of CPU, yet under 90% busy. Read twice (start, end of the load); null where
/// /proc is not there or not readable.
/// </summary>
internal sealed class ThreadTimes
{
    private readonly Dictionary<int, (long CpuNs, long WaitNs)> _threads;

    private ThreadTimes(Dictionary<int, (long CpuNs, long WaitNs)> threads) => _threads = threads;

    public static ThreadTimes? Read()
    {
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks)) return null;
        var threads = new Dictionary<int, (long, long)>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories(tasks))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)) continue;
                string text;
                try { text = File.ReadAllText(Path.Combine(dir, "schedstat")); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; } // the thread ended meanwhile
                var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 2
                    && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var cpu)
                    && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var wait))
                {
                    threads[tid] = (cpu, wait);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return threads.Count == 0 ? null : new ThreadTimes(threads);
    }

    /// <summary>
    /// From <paramref name="before"/> to this reading: the run-queue wait summed over threads, and the
    /// busiest thread's CPU + wait, in seconds. A thread started in between counts from zero; one
    /// that ended in between is missing (its CPU is still in rusage, its wait is lost).
    /// </summary>
    public (double WaitSeconds, double BusiestSeconds) Since(ThreadTimes before)
    {
        long wait = 0, busiest = 0;
        foreach (var (tid, now) in _threads)
        {
            var then = before._threads.TryGetValue(tid, out var t) ? t : (0, 0);
            long dWait = Math.Max(0, now.WaitNs - then.WaitNs);
            long dCpu = Math.Max(0, now.CpuNs - then.CpuNs);
            wait += dWait;
            busiest = Math.Max(busiest, dCpu + dWait);
        }

        return (wait / 1e9, busiest / 1e9);
    }
}
