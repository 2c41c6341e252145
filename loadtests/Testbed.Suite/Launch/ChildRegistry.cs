namespace Testbed.Suite.Launch;

/// <summary>
/// Last line of defence against leftover processes: every child the suite starts is registered
/// here, and on process exit (including Ctrl-C after the cancellation grace period, or an
/// unhandled exception) whatever is still registered is killed with its whole tree.
/// </summary>
internal static class ChildRegistry
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Roots = [];
    private static bool _hooked;

    public static void Register(int pid)
    {
        lock (Gate)
        {
            if (!_hooked)
            {
                _hooked = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
                AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
            }

            Roots.Add(pid);
        }
    }

    public static void Unregister(int pid)
    {
        lock (Gate)
        {
            Roots.Remove(pid);
        }
    }

    public static int Count
    {
        get
        {
            lock (Gate)
            {
                return Roots.Count;
            }
        }
    }

    public static void KillAll()
    {
        int[] roots;
        lock (Gate)
        {
            roots = [.. Roots];
            Roots.Clear();
        }

        foreach (var pid in roots)
        {
            ProcessTree.Kill(pid);
        }
    }
}
