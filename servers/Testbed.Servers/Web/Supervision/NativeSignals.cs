using System.Runtime.InteropServices;

namespace Testbed.Servers.Web.Supervision;

/// <summary>
/// kill(2): .NET's Process.Kill sends only SIGKILL, but workers must get SIGTERM first so that they
/// finish their in-flight requests, as gunicorn's master asks its workers.
/// </summary>
internal static partial class NativeSignals
{
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/>; false if the process is already gone.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;
}
