using System.Runtime.CompilerServices;

namespace Testbed.TestCommon;

/// <summary>
/// Gives the thread pool back the threads the test host keeps: vstest's message loop and xunit's
/// assembly runner each block a pool thread for the whole run. The pool's minimum is one thread per
/// core, so on a 2-core machine nothing was left for the servers and clients under test, every other
/// work item waited for the pool's starvation injection (about 0.5 s a thread), and 16 connections
/// opened at once reached a server 0.4–0.9 s late. A server in production has no test host beside it.
/// </summary>
internal static class TestHostThreadPool
{
    /// <summary>The pool threads vstest and xunit block (seen with dotnet-stack during a test).</summary>
    private const int BlockedByTestHost = 2;

    [ModuleInitializer]
    internal static void ReplaceBlockedThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(workers + BlockedByTestHost, completionPorts);
    }
}
