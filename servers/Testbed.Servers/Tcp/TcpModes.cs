namespace Testbed.Servers.Tcp;

/// <summary>
/// The server models of experiment E8, spelled identically on the command line, in the ready line,
/// in the stats and in reports.
/// </summary>
internal static class TcpModes
{
    /// <summary>One loop accepts and answers one connection at a time (the source's single process).</summary>
    public const string Single = "single";

    /// <summary>A new OS process for every connection (the source's multiprocess server, inetd style).</summary>
    public const string Process = "process";

    /// <summary>N long-lived worker processes accepting on the same port through SO_REUSEPORT.</summary>
    public const string Prefork = "prefork";

    /// <summary>A new dedicated thread for every connection, blocking I/O (the source's multithread server).</summary>
    public const string Thread = "thread";

    /// <summary>Asynchronous accept and I/O on the thread pool.</summary>
    public const string Async = "async";

    public static readonly IReadOnlyList<string> All = [Single, Process, Prefork, Thread, Async];
}
