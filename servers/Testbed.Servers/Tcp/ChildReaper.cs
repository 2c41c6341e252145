using System.Runtime.InteropServices;

namespace Testbed.Servers.Tcp;

/// <summary>
/// Reaps every child of this process on one dedicated thread blocked in waitpid(-1), so no zombie is
/// left, and calls the callback registered for the child's pid with its wait status. The server
/// process never uses System.Diagnostics.Process, so no other code waits for these children.
/// </summary>
internal sealed class ChildReaper : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, Action<int>> _callbacks = [];
    // A child can exit before its spawner has registered it; its status waits here.
    private readonly Dictionary<int, int> _early = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _thread;
    private volatile bool _disposed;

    public ChildReaper()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "child reaper" };
        _thread.Start();
    }

    public int Count
    {
        get
        {
            lock (_lock)
                return _callbacks.Count;
        }
    }

    public int[] Pids
    {
        get
        {
            lock (_lock)
                return [.. _callbacks.Keys];
        }
    }

    /// <summary>Calls <paramref name="onExit"/> (on the reaper thread) with the wait status when the child ends.</summary>
    public void Track(int pid, Action<int> onExit)
    {
        int status;
        lock (_lock)
        {
            if (!_early.Remove(pid, out status))
            {
                _callbacks[pid] = onExit;
                if (_wake.CurrentCount == 0)
                    _wake.Release();
                return;
            }
        }

        onExit(status);
    }

    /// <summary>Signals every tracked child.</summary>
    public void SignalAll(int signal)
    {
        foreach (var pid in Pids)
            LibC.kill(pid, signal);
    }

    /// <summary>Waits until no tracked child is left or the time is up; true when none is left.</summary>
    public bool WaitForNone(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Count > 0)
        {
            if (Environment.TickCount64 >= deadline)
                return false;
            Thread.Sleep(10);
        }

        return true;
    }

    /// <summary>SIGTERM to every child, then SIGKILL to those still alive after <paramref name="grace"/>.</summary>
    public void StopAll(TimeSpan grace)
    {
        SignalAll(LibC.SIGTERM);
        if (!WaitForNone(grace))
        {
            SignalAll(LibC.SIGKILL);
            WaitForNone(TimeSpan.FromMilliseconds(500));
        }
    }

    public void Dispose() => _disposed = true;

    private void Loop()
    {
        while (!_disposed)
        {
            int pid = LibC.waitpid(-1, out int status, 0);
            if (pid > 0)
            {
                Action<int>? callback;
                lock (_lock)
                {
                    if (_callbacks.Remove(pid, out callback) == false)
                        _early[pid] = status;
                }

                try
                {
                    callback?.Invoke(status);
                }
                catch (Exception e)
                {
                    // The reaper must outlive any bad callback, or children would turn into zombies.
                    Console.Error.WriteLine($"testbed-server tcp: child {pid} exit handler failed: {e.Message}");
                }

                continue;
            }

            if (Marshal.GetLastPInvokeError() == LibC.EINTR)
                continue;
            // ECHILD: no child now; sleep until one is spawned (or recheck now and then).
            _wake.Wait(TimeSpan.FromMilliseconds(200));
        }
    }
}
