namespace Testbed.Servers.Tcp;

/// <summary>How one connection ended. Also the exit code of a per-connection child process.</summary>
internal enum ConnectionOutcome
{
    Answered = 0,
    Empty = 10,
    Reset = 11,
    IdleTimeout = 12,
    Aborted = 13,
    Io = 14,
}
