namespace Testbed.Suite.Launch;

/// <summary>
/// The runtime settings every role and load the suite starts inherits from the suite's own
/// environment. Each is set only when absent, so an explicit value still wins.
/// </summary>
public static class SuiteEnvironment
{
    /// <summary>The variables and their defaults.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Defaults =
    [
        // When the suite was a command of testbed-load, testbed-load's start-up set inline socket
        // completions before starting anything, so every measured server, proxy and load ran with
        // it; keep their environment, and so the measurements, unchanged.
        ("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1"),
        // A runtime that sees one processor (a role pinned to one core, a cgroup quota of one core or
        // less) waits 10x longer before promoting hot methods to optimized code (1 s instead of
        // 100 ms), and the wait restarts with every method compiled for the first time, so under
        // load a server kept running partly unoptimized code for thousands of requests: E9's
        // validated answers cost 7 CPU ms each after minutes and 12-13 ms in a run after a
        // 300-request warm-up, against 4.3-4.6 ms from the first run with this set. The
        // experiments measure steady state.
        ("DOTNET_TC_DelaySingleProcMultiplier", "1"),
    ];

    /// <summary>Sets every default that the environment does not already set.</summary>
    public static void ApplyDefaults()
    {
        foreach (var (name, value) in Defaults)
        {
            if (Environment.GetEnvironmentVariable(name) is null)
                Environment.SetEnvironmentVariable(name, value);
        }
    }
}
