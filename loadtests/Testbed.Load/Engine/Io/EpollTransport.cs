using System.Net.Sockets;

namespace Testbed.Load.Engine.Io;

/// <summary>
/// Linux: <see cref="IoThreads"/> event loops of our own, each owning an epoll set; connections are
/// dealt to them in turn. Per keep-alive request this costs one send, one receive and a share of an
/// epoll_wait, the same system calls as ab and wrk, where .NET's sockets add a speculative receive
/// and a thread-pool hop.
/// </summary>
internal sealed class EpollTransport : ClientTransport
{
    private static readonly Lazy<bool> Supported = new(Probe);
    private readonly EpollLoop[] _loops;
    private int _next;

    public EpollTransport(int ioThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ioThreads, 1);
        _loops = new EpollLoop[ioThreads];
        for (int i = 0; i < ioThreads; i++) _loops[i] = new EpollLoop(i);
    }

    public static bool IsSupported => Supported.Value;

    public int IoThreads => _loops.Length;

    public override string Name => Epoll;

    public override ClientConnection Create(AddressFamily family)
    {
        var loop = _loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)_loops.Length)];
        return new EpollConnection(loop, family);
    }

    public override void Dispose()
    {
        foreach (var loop in _loops) loop.Dispose();
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            int fd = EpollNative.EpollCreate(EpollNative.CloseOnExec);
            if (fd < 0) return false;
            EpollNative.Close(fd);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
