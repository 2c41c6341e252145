namespace Testbed.Suite.Launch;

/// <summary>How a process ended, worded for a report: "signal 9 (SIGKILL)" or "code 3".</summary>
internal static class ExitStatus
{
    private static readonly Dictionary<int, string> SignalNames = new()
    {
        [1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [6] = "SIGABRT", [7] = "SIGBUS",
        [8] = "SIGFPE", [9] = "SIGKILL", [11] = "SIGSEGV", [13] = "SIGPIPE", [14] = "SIGALRM", [15] = "SIGTERM",
    };

    /// <summary>
    /// .NET reports a child killed by signal N as exit code 128 + N (the shell's convention), so a
    /// code above 128 is read as a signal; a program that exits with such a code by itself reads the
    /// same, which no testbed program does.
    /// </summary>
    public static string Describe(int exitCode)
    {
        if (exitCode is > 128 and < 128 + 65)
        {
            var signal = exitCode - 128;
            return SignalNames.TryGetValue(signal, out var name) ? $"signal {signal}, {name}" : $"signal {signal}";
        }

        return $"code {exitCode}";
    }
}
