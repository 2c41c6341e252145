using System.Runtime.InteropServices;

namespace Testbed.Load.Tests.TestServers;

/// <summary>
/// Puts the calling thread in the SCHED_FIFO real-time class, so that when it wakes (its request
/// arrived, its delay ended) it runs at once instead of queueing behind ordinary threads. On this
/// shared 2-core machine the loopback server's /delay/100 thread was runnable but waiting for a CPU
/// for up to 50 ms after its timer fired (its /proc schedstat run-queue time matched the overshoot
/// to the millisecond), which the latency tests then blamed on the load generator. The loopback
/// server's connection threads only block on sockets and timers and use microseconds of CPU per
/// request, far under the kernel's real-time throttle (sched_rt_runtime_us), so they cannot starve
/// the machine. Linux only, and only with CAP_SYS_NICE (root); elsewhere <see cref="TryEnter"/>
/// returns false and the thread stays as it was.
/// </summary>
internal static class RealtimeThread
{
    private const int SchedFifo = 1;

    /// <summary>Moves the calling thread to SCHED_FIFO at the lowest real-time priority; false when not allowed.</summary>
    public static bool TryEnter()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        int priority = 1;
        // pid 0 is the calling thread alone: Linux schedules threads, not processes.
        return sched_setscheduler(0, SchedFifo, ref priority) == 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setscheduler(int pid, int policy, ref int priority);
}
