using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Testbed.Load.Engine.Io;

/// <summary>
/// The Linux socket calls the epoll engine makes on raw descriptors. A .NET <see cref="Socket"/>
/// costs a connection-per-request run more than the system calls themselves: two fcntl calls to
/// make it non-blocking, a SafeHandle, and a thrown <see cref="SocketException"/> for every
/// non-blocking connect (EINPROGRESS). Here a socket is one <c>socket()</c> call, already
/// non-blocking, and errors are errno values until one really fails a request. Only the engine's
/// loop thread touches a descriptor, so no handle reference counting is needed to keep a closed
/// descriptor number from being reused under a pending call.
/// </summary>
internal static unsafe partial class SocketNative
{
    private const int AfInet = 2, AfInet6 = 10;
    private const int SockStream = 1, SockNonBlock = 0x800, SockCloExec = 0x80000;
    private const int SolSocket = 1, SoError = 4, SoLinger = 13, IpProtoTcp = 6, TcpNoDelay = 1;
    private const int MsgNoSignal = 0x4000; // a send to a reset peer fails with EPIPE instead of raising SIGPIPE

    public const int EAgain = 11, EInProgress = 115, EIntr = 4;

    // SuppressGCTransition on the calls a connection makes (socket, connect, send, recv, setsockopt,
    // getsockopt, epoll_ctl, close): on non-blocking descriptors each returns in microseconds and
    // never calls back into .NET, so the thread need not be switched to preemptive mode and back, a
    // cost paid about seven times per request without keep-alive. epoll_wait, which blocks, keeps it.
    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    [SuppressGCTransition]
    private static partial int SocketCall(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    [SuppressGCTransition]
    private static partial int ConnectCall(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    [SuppressGCTransition]
    private static partial nint SendCall(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    [SuppressGCTransition]
    private static partial nint ReceiveCall(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    [SuppressGCTransition]
    private static partial int SetOption(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    [SuppressGCTransition]
    private static partial int GetOption(int fd, int level, int name, void* value, int* length);

    /// <summary>A non-blocking, close-on-exec TCP socket; -1 with errno on failure.</summary>
    public static int Open(AddressFamily family) =>
        SocketCall(family == AddressFamily.InterNetworkV6 ? AfInet6 : AfInet, SockStream | SockNonBlock | SockCloExec, 0);

    /// <summary>
    /// <paramref name="endPoint"/> as a Linux <c>sockaddr_in</c> or <c>sockaddr_in6</c>, built once
    /// per target rather than per connection.
    /// </summary>
    public static byte[] Address(IPEndPoint endPoint)
    {
        bool v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        var address = new byte[v6 ? 28 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(address, v6 ? (ushort)AfInet6 : (ushort)AfInet);
        BinaryPrimitives.WriteUInt16BigEndian(address.AsSpan(2), (ushort)endPoint.Port);
        if (v6)
        {
            endPoint.Address.TryWriteBytes(address.AsSpan(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(address.AsSpan(24), (uint)endPoint.Address.ScopeId);
        }
        else
        {
            endPoint.Address.TryWriteBytes(address.AsSpan(4, 4), out _);
        }
        return address;
    }

    /// <summary>0 when connected at once, else -1 with errno (EINPROGRESS: under way).</summary>
    public static int Connect(int fd, byte[] address)
    {
        fixed (byte* a = address) return ConnectCall(fd, a, address.Length);
    }

    /// <summary>Bytes sent, or -1 with errno.</summary>
    public static int Send(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data) return (int)SendCall(fd, p, data.Length, MsgNoSignal);
    }

    /// <summary>Bytes received (0 at the peer's close), or -1 with errno.</summary>
    public static int Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer) return (int)ReceiveCall(fd, p, buffer.Length, 0);
    }

    public static void SetNoDelay(int fd)
    {
        int one = 1;
        SetOption(fd, IpProtoTcp, TcpNoDelay, &one, sizeof(int));
    }

    /// <summary>Makes the coming close reset the connection (RST) instead of the orderly FIN.</summary>
    public static void SetResetOnClose(int fd)
    {
        long linger = 1; // struct linger { int l_onoff = 1; int l_linger = 0; }
        SetOption(fd, SolSocket, SoLinger, &linger, sizeof(long));
    }

    /// <summary>The pending error of a socket (SO_ERROR), the outcome of a connect that was under way.</summary>
    public static int PendingError(int fd)
    {
        int error = 0, length = sizeof(int);
        return GetOption(fd, SolSocket, SoError, &error, &length) == 0 ? error : Marshal.GetLastPInvokeError();
    }

    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>An errno as the <see cref="SocketError"/> .NET's own sockets report for it.</summary>
    public static SocketException Exception(int errno) => new((int)(errno switch
    {
        EAgain => SocketError.WouldBlock,
        EInProgress => SocketError.InProgress,
        13 => SocketError.AccessDenied,              // EACCES
        23 or 24 => SocketError.TooManyOpenSockets,  // ENFILE, EMFILE
        32 => SocketError.Shutdown,                  // EPIPE
        97 => SocketError.AddressFamilyNotSupported, // EAFNOSUPPORT
        99 => SocketError.AddressNotAvailable,       // EADDRNOTAVAIL (no ephemeral port left)
        101 => SocketError.NetworkUnreachable,       // ENETUNREACH
        103 => SocketError.ConnectionAborted,        // ECONNABORTED
        104 => SocketError.ConnectionReset,          // ECONNRESET
        105 => SocketError.NoBufferSpaceAvailable,   // ENOBUFS
        110 => SocketError.TimedOut,                 // ETIMEDOUT
        111 => SocketError.ConnectionRefused,        // ECONNREFUSED
        113 => SocketError.HostUnreachable,          // EHOSTUNREACH
        _ => SocketError.SocketError,
    }));
}
