using System.Runtime.InteropServices;

namespace Testbed.Servers.Tcp;

/// <summary>poll(2), for the process mode's check that a connection is still worth a process.</summary>
internal static unsafe partial class LibC
{
    public const short POLLERR = 0x008;
    public const short POLLHUP = 0x010;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMs);

    /// <summary>
    /// True when the peer has already reset or fully closed <paramref name="fd"/> (POLLHUP or POLLERR
    /// without waiting). A peer that only half-closed after sending its request (POLLRDHUP) still counts
    /// as alive: it is waiting for its answer.
    /// </summary>
    public static bool PeerGone(int fd)
    {
        var entry = new PollFd { Fd = fd, Events = 0 };
        return poll(&entry, 1, 0) == 1 && (entry.Revents & (POLLHUP | POLLERR)) != 0;
    }
}
