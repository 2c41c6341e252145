using System.Net.Sockets;

namespace Testbed.Load.Engine.Io;

/// <summary>
/// Linux: <see cref="IoThreads"/> event loops of our own, each owning an epoll set; clients are
/// dealt to them by lane (client number), and a client's connections and think times stay on its loop. Per keep-alive request this costs one send, one receive and a share of an
/// epoll_wait, the same system calls as ab and wrk, where .NET's sockets add a speculative receive
/// and a thread-pool hop.
/// </summary>
internal sealed class EpollTransport : ClientTransport
{
    private static readonly Lazy<bool> Supported = new(Probe);
    private readonly EpollLoop[] _loops;

    public EpollTransport(int ioThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ioThreads, 1);
        _loops = new EpollLoop[ioThreads];
        for (int i = 0; i < ioThreads; i++) _loops[i] = new EpollLoop(i);
    }

    public static bool IsSupported => Supported.Value;

    public int IoThreads => _loops.Length;

    public override string Name => Epoll;

    public override ClientConnection Create(AddressFamily family, int lane) => new EpollConnection(LoopOf(lane), family);

    /// <summary>On the lane's loop, so that the client resumes where its socket's events arrive.</summary>
    public override async ValueTask DelayAsync(int lane, TimeSpan delay, TimeProvider time, CancellationToken token)
    {
        if (time != TimeProvider.System)
        {
            await base.DelayAsync(lane, delay, time, token).ConfigureAwait(false);
            return;
        }
        await LoopOf(lane).Delay(delay, token).ConfigureAwait(false);
    }

    private EpollLoop LoopOf(int lane) => _loops[(int)((uint)lane % (uint)_loops.Length)];

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
