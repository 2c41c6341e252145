using System.Runtime.InteropServices;

namespace Testbed.Servers.Tcp;

/// <summary>
/// The libc calls .NET does not offer. System.Diagnostics.Process cannot hand a socket to a child (it
/// has no dup2 and the child's runtime keeps only descriptors 0-2), so the process modes spawn with
/// posix_spawn and reap with waitpid themselves; the process mode also accepts with accept4 so the
/// parent's copy of a connection is a bare descriptor that it closes without shutting the socket down.
/// The Native AOT echo child serves its connection with recv/send/setsockopt directly (a Socket would
/// start the runtime's socket engine). Linux/glibc only, like the rest of the test bed.
/// </summary>
internal static unsafe partial class LibC
{
    public const int EINTR = 4;
    public const int ECHILD = 10;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int ENFILE = 23;
    public const int EMFILE = 24;
    public const int EPIPE = 32;
    public const int ENOBUFS = 105;
    public const int ECONNABORTED = 103;
    public const int ECONNRESET = 104;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1;
    public const int SO_REUSEPORT = 15;
    public const int SO_RCVTIMEO = 20;
    public const int SO_SNDTIMEO = 21;
    public const int IPPROTO_TCP = 6;
    public const int TCP_NODELAY = 1;
    public const int MSG_NOSIGNAL = 0x4000;
    public const int SHUT_WR = 1;
    public const int SHUT_RDWR = 2;
    public const uint FIONREAD = 0x541B;

    /// <summary>sizeof(posix_spawn_file_actions_t) is 80 on 64-bit glibc; allocate generously.</summary>
    public const int FileActionsSize = 256;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int accept4(int sockfd, IntPtr addr, IntPtr addrlen, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial long recv(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial long send(int fd, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, uint request, int* value);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int shutdown(int fd, int how);

    /// <summary>Returns 0 or an error number (posix_spawn does not use errno).</summary>
    [LibraryImport("libc")]
    public static partial int posix_spawn(out int pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_init(void* fileActions);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_destroy(void* fileActions);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_adddup2(void* fileActions, int fd, int newFd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int waitpid(int pid, out int status, int options);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    public static partial int getppid();

    public const int RLIMIT_NOFILE = 7;

    /// <summary>struct rlimit { rlim_t cur, max; }, two 64-bit values on 64-bit Linux.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int getrlimit(int resource, ulong* limits);

    /// <summary>The soft limit on open descriptors (ulimit -n), or null when unknown.</summary>
    public static ulong? OpenFileLimit()
    {
        ulong* limits = stackalloc ulong[2];
        return getrlimit(RLIMIT_NOFILE, limits) == 0 ? limits[0] : null;
    }

    public static bool Exited(int status) => (status & 0x7f) == 0;

    public static int ExitCode(int status) => (status >> 8) & 0xff;

    public static int TermSignal(int status) => status & 0x7f;

    public static string Describe(int status) =>
        Exited(status) ? $"exit code {ExitCode(status)}" : $"signal {TermSignal(status)}";
}
