namespace Testbed.Servers.Tcp;

/// <summary>Keys of the <c>errors</c> map in the stats line and the stats JSON.</summary>
internal static class TcpErrorKinds
{
    /// <summary>The client connected and closed without sending a byte.</summary>
    public const string Empty = "closed_without_request";

    /// <summary>The client reset the connection (ECONNRESET, EPIPE) before it was answered.</summary>
    public const string Reset = "reset";

    /// <summary>The client sent nothing for --idle-timeout and was closed.</summary>
    public const string IdleTimeout = "idle_timeout";

    /// <summary>The connection was cut because the server was stopping.</summary>
    public const string Aborted = "aborted_by_shutdown";

    /// <summary>Any other socket error while serving a connection.</summary>
    public const string Io = "io";

    /// <summary>accept() failed for want of descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM).</summary>
    public const string FdExhausted = "fd_exhausted";

    /// <summary>accept() failed for another reason.</summary>
    public const string AcceptFailed = "accept_failed";

    /// <summary>posix_spawn failed; the accepted connection was closed unanswered.</summary>
    public const string SpawnFailed = "spawn_failed";

    /// <summary>A connection's thread could not be created; the connection was closed unanswered.</summary>
    public const string ThreadFailed = "thread_failed";

    /// <summary>A per-connection child process died of a signal or an unexpected exit code.</summary>
    public const string ChildFailed = "child_failed";

    /// <summary>A prefork worker exited while the server was running (it is restarted).</summary>
    public const string WorkerFailed = "worker_failed";
}
