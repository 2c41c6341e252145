using System.Runtime.InteropServices;

namespace Testbed.Load.Engine.Io;

/// <summary>
/// The few Linux calls .NET does not expose: epoll and eventfd (and <c>close</c>, for these and for
/// the sockets of <see cref="SocketNative"/>).
/// </summary>
internal static partial class EpollNative
{
    public const int CloseOnExec = 0x80000;          // EPOLL_CLOEXEC, EFD_CLOEXEC
    public const int NonBlocking = 0x800;            // EFD_NONBLOCK
    public const int CtlAdd = 1;
    public const uint In = 0x001, Out = 0x004, Err = 0x008, Hup = 0x010, RdHup = 0x2000, EdgeTriggered = 1u << 31;
    public const int Interrupted = 4;                // EINTR

    /// <summary>
    /// <c>struct epoll_event</c> is packed (12 bytes) on x86 and x86-64 only; elsewhere its 64-bit
    /// data field is 8-aligned (16 bytes). Events are read from a byte buffer with these offsets.
    /// </summary>
    public static readonly int EventSize =
        RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 12 : 16;

    public static readonly int DataOffset = EventSize == 12 ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    // Short and non-blocking: no GC transition (SocketNative says why).
    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    [SuppressGCTransition]
    public static partial int EpollCtl(int epoll, int operation, int fd, ref byte epollEvent);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, ref byte events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, ref ulong value, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, ref ulong value, nint count);

    // Non-blocking for every descriptor here: sockets close with no SO_LINGER timeout (or a 0 one).
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    [SuppressGCTransition]
    public static partial int Close(int fd);

    /// <summary>Adds <paramref name="fd"/> to <paramref name="epoll"/> for <paramref name="events"/>, tagged with <paramref name="data"/>.</summary>
    public static void Add(int epoll, int fd, uint events, ulong data)
    {
        Span<byte> ev = stackalloc byte[16];
        ev.Clear();
        MemoryMarshal.Write(ev, in events);
        MemoryMarshal.Write(ev[DataOffset..], in data);
        if (EpollCtl(epoll, CtlAdd, fd, ref MemoryMarshal.GetReference(ev)) != 0)
        {
            throw Failure("epoll_ctl");
        }
    }

    /// <summary>
    /// The failure of the last call, naming it and its errno. (The errno is not a
    /// <see cref="System.Net.Sockets.SocketError"/>, so it goes in the message.)
    /// </summary>
    public static System.Net.Sockets.SocketException Failure(string call) =>
        new((int)System.Net.Sockets.SocketError.SocketError, $"{call} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
