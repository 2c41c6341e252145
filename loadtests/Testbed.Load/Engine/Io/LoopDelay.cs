namespace Testbed.Load.Engine.Io;

/// <summary>
/// A think time kept in its <see cref="EpollLoop"/>'s timer heap. It completes on the loop thread,
/// so the user behind it sends its next request right there, without a timer thread or a thread-pool
/// hop. Cancellation ends it early (normally, not with an exception): the caller checks its stop token.
/// </summary>
internal sealed class LoopDelay : ILoopWork
{
    private readonly EpollLoop _loop;
    private readonly TaskCompletionSource _completion = new(); // synchronous continuations: they run on the loop
    private CancellationTokenRegistration _registration;
    private volatile bool _cancelled;

    public LoopDelay(EpollLoop loop, long dueTimestamp)
    {
        _loop = loop;
        Due = dueTimestamp;
    }

    public long Due { get; }

    public Task Task => _completion.Task;

    public void Watch(CancellationToken token)
    {
        if (token.CanBeCanceled) _registration = token.UnsafeRegister(static s => ((LoopDelay)s!).Cancel(), this);
    }

    /// <summary>Posted from another thread: enter the heap, or finish now if cancelled meanwhile.</summary>
    public void RunOnLoop()
    {
        if (_cancelled || _loop.IsStopped) Fire();
        else _loop.Schedule(this);
    }

    /// <summary>On the loop thread: the delay is over (or was cancelled, or the loop stops).</summary>
    public void Fire()
    {
        _registration.Dispose();
        _completion.TrySetResult();
    }

    private void Cancel()
    {
        _cancelled = true;
        _loop.Post(this);
    }
}
