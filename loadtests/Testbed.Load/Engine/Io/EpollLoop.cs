using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Testbed.Load.Engine.Io;

/// <summary>
/// One event-loop thread with its epoll set. Every socket call of its connections runs on this
/// thread, and so does the code awaiting them: a completed receive resumes the client right here,
/// which parses the response and sends the next request before the loop waits again. Work from other
/// threads (a user waking from think time, the watchdog closing a socket) is queued and the loop
/// woken through an eventfd. Think times are timers in the loop's own heap (epoll_wait sleeps until
/// the next one is due), so a virtual user's whole cycle runs on this thread. Events carry slot and
/// generation, so an event still queued for a connection that has since closed never reaches the
/// slot's next owner.
/// </summary>
internal sealed class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;
    private const ulong WakeToken = ulong.MaxValue;

    [ThreadStatic] private static EpollLoop? t_current;

    private readonly int _epoll;
    private readonly int _wake;
    private readonly Thread _thread;
    private readonly byte[] _events = new byte[MaxEvents * EpollNative.EventSize];
    private readonly ConcurrentQueue<ILoopWork> _posted = new();
    private readonly PriorityQueue<LoopDelay, long> _timers = new();
    private readonly List<EpollConnection?> _slots = [];
    private readonly List<uint> _generations = [];
    private readonly Stack<int> _free = new();
    private int _wakePending;
    private IPEndPoint? _endPoint;
    private byte[] _address = [];
    private volatile bool _stopping;
    private volatile bool _stopped;

    public EpollLoop(int index)
    {
        _epoll = EpollNative.EpollCreate(EpollNative.CloseOnExec);
        if (_epoll < 0) throw EpollNative.Failure("epoll_create1");
        _wake = EpollNative.EventFd(0, EpollNative.CloseOnExec | EpollNative.NonBlocking);
        if (_wake < 0)
        {
            var failure = EpollNative.Failure("eventfd");
            EpollNative.Close(_epoll);
            throw failure;
        }
        EpollNative.Add(_epoll, _wake, EpollNative.In, WakeToken);
        _thread = new Thread(Run) { IsBackground = true, Name = $"testbed-load io {index}" };
        _thread.Start();
    }

    /// <summary>True on this loop's own thread.</summary>
    public bool IsCurrent => t_current == this;

    /// <summary>After <see cref="Dispose"/>: connections then act on the calling thread and only fail or close.</summary>
    public bool IsStopped => _stopped;

    /// <summary>Runs <paramref name="work"/> on the loop's thread (a connection's new operation or close, a delay).</summary>
    public void Post(ILoopWork work)
    {
        if (_stopped)
        {
            lock (_posted) work.RunOnLoop();
            return;
        }
        _posted.Enqueue(work);
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            ulong one = 1;
            EpollNative.Write(_wake, ref one, sizeof(ulong));
        }
        // Stopped between the check and the enqueue: nobody else will drain the queue.
        if (_stopped) DrainPosted();
    }

    /// <summary>
    /// Completes after <paramref name="delay"/> on the loop thread, or early (normally) when
    /// <paramref name="token"/> is cancelled or the loop stops.
    /// </summary>
    public Task Delay(TimeSpan delay, CancellationToken token)
    {
        var timer = new LoopDelay(this, Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency));
        timer.Watch(token);
        if (IsCurrent) Schedule(timer);
        else Post(timer);
        return timer.Task;
    }

    /// <summary>Loop thread only: adds a timer to the heap.</summary>
    public void Schedule(LoopDelay timer) => _timers.Enqueue(timer, timer.Due);

    /// <summary>Loop thread only: watches descriptor <paramref name="fd"/> (edge-triggered, reads and writes) for <paramref name="connection"/>.</summary>
    public int Register(EpollConnection connection, int fd)
    {
        int slot;
        if (_free.Count > 0)
        {
            slot = _free.Pop();
            _slots[slot] = connection;
        }
        else
        {
            slot = _slots.Count;
            _slots.Add(connection);
            _generations.Add(0);
        }
        ulong data = ((ulong)_generations[slot] << 32) | (uint)slot;
        try
        {
            EpollNative.Add(_epoll, fd, EpollNative.In | EpollNative.Out | EpollNative.RdHup | EpollNative.EdgeTriggered, data);
        }
        catch (SocketException)
        {
            Unregister(slot);
            throw;
        }
        return slot;
    }

    /// <summary>Loop thread only: <paramref name="endPoint"/> as a sockaddr, encoded once for the run's target.</summary>
    public byte[] AddressOf(IPEndPoint endPoint)
    {
        if (!ReferenceEquals(endPoint, _endPoint))
        {
            _address = SocketNative.Address(endPoint);
            _endPoint = endPoint;
        }
        return _address;
    }

    /// <summary>Loop thread only: frees the slot; closing the descriptor removes it from the epoll set.</summary>
    public void Unregister(int slot)
    {
        if (slot >= _slots.Count) return;
        _slots[slot] = null;
        _generations[slot]++;
        _free.Push(slot);
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        ulong one = 1;
        EpollNative.Write(_wake, ref one, sizeof(ulong));
        if (!_thread.Join(TimeSpan.FromSeconds(5))) return; // never free descriptors a live loop may still use
        EpollNative.Close(_wake);
        EpollNative.Close(_epoll);
    }

    private void Run()
    {
        t_current = this;
        var events = _events;
        int size = EpollNative.EventSize, dataOffset = EpollNative.DataOffset;
        while (!_stopping)
        {
            int n = EpollNative.EpollWait(_epoll, ref events[0], MaxEvents, MillisecondsToNextTimer());
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == EpollNative.Interrupted) continue;
                break;
            }
            bool woken = false;
            for (int i = 0; i < n; i++)
            {
                var entry = events.AsSpan(i * size, size);
                uint flags = MemoryMarshal.Read<uint>(entry);
                ulong data = MemoryMarshal.Read<ulong>(entry[dataOffset..]);
                if (data == WakeToken)
                {
                    woken = true;
                    continue;
                }
                int slot = (int)(uint)data;
                if (slot < _slots.Count && _generations[slot] == (uint)(data >> 32))
                {
                    _slots[slot]?.OnEvents(flags);
                }
            }
            if (woken)
            {
                ulong count = 0;
                EpollNative.Read(_wake, ref count, sizeof(ulong));
                Interlocked.Exchange(ref _wakePending, 0);
            }
            FireDueTimers();
            DrainPosted();
        }
        _stopped = true;
        DrainPosted();
        while (_timers.TryDequeue(out var timer, out _)) timer.Fire();
    }

    private int MillisecondsToNextTimer()
    {
        if (!_timers.TryPeek(out _, out long due)) return -1;
        long wait = due - Stopwatch.GetTimestamp();
        if (wait <= 0) return 0;
        return (int)Math.Min(int.MaxValue, (wait * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
    }

    private void FireDueTimers()
    {
        long now = Stopwatch.GetTimestamp();
        // Only the timers present now: one that a continuation adds with no delay waits for the next round.
        for (int budget = _timers.Count; budget > 0 && _timers.TryPeek(out var timer, out long due) && due <= now; budget--)
        {
            _timers.Dequeue();
            timer.Fire();
        }
    }

    private void DrainPosted()
    {
        if (_stopped)
        {
            lock (_posted)
            {
                while (_posted.TryDequeue(out var c)) c.RunOnLoop();
            }
            return;
        }
        while (_posted.TryDequeue(out var c)) c.RunOnLoop();
    }
}
