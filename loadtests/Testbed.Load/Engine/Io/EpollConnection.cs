using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Testbed.Load.Engine.Io;

/// <summary>
/// A non-blocking socket (a raw descriptor, see <see cref="SocketNative"/>) driven by its
/// <see cref="EpollLoop"/>. Its state and its descriptor belong to the loop thread;
/// another thread only publishes a new operation (or a close) and posts the connection to the loop.
/// On the loop thread a send or receive that can finish at once returns synchronously; otherwise it
/// waits for the socket's edge-triggered event, and the awaiting code resumes inline on the loop.
/// Readiness is tracked so that no call is made that is known to fail: a receive that returned less
/// than it asked for drained the socket, so the next receive waits for an event instead of trying
/// (unless the peer has closed: its FIN may have come with that data and gets no event of its own).
/// A connect under way ends at the socket's first writable event; only an event that reports an
/// error or a hang-up costs a <c>getsockopt</c> to learn why. Per connection: socket, connect,
/// epoll_ctl, close, and the sends and receives; fewer system calls than ab makes.
/// </summary>
internal sealed class EpollConnection : ClientConnection, IValueTaskSource<int>, IValueTaskSource, ILoopWork
{
    // An int, not an enum, so that the loop can read it with acquire semantics (Volatile.Read).
    private const int None = 0, Connect = 1, Send = 2, Receive = 3;

    private readonly EpollLoop _loop;
    private readonly AddressFamily _family;
    private int _fd = -1;
    private ManualResetValueTaskSourceCore<int> _core; // continuations run where the result is set: on the loop
    private int _operation;
    private Memory<byte> _receiveBuffer;
    private ReadOnlyMemory<byte> _sendData;
    private IPEndPoint? _endPoint;
    private int _slot = -1;
    private bool _connecting, _readable, _writable, _peerClosed, _failed, _noDelay, _closed;
    private int _disposeRequested;

    public EpollConnection(EpollLoop loop, AddressFamily family)
    {
        _loop = loop;
        _family = family;
    }

    public override ValueTask ConnectAsync(IPEndPoint endPoint)
    {
        _endPoint = endPoint;
        return new ValueTask(this, Start(Connect));
    }

    public override ValueTask<int> SendAsync(ReadOnlyMemory<byte> data)
    {
        if (_loop.IsCurrent && !_closed && _writable)
        {
            int sent = TrySend(data.Span, out int error);
            if (sent >= 0) return new ValueTask<int>(sent);
            if (error != SocketNative.EAgain) return ValueTask.FromException<int>(SocketNative.Exception(error));
        }
        _sendData = data;
        return new ValueTask<int>(this, Start(Send));
    }

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer)
    {
        if (_loop.IsCurrent && !_closed && _readable)
        {
            int received = TryReceive(buffer.Span, out int error);
            if (received >= 0) return new ValueTask<int>(received);
            if (error != SocketNative.EAgain) return ValueTask.FromException<int>(SocketNative.Exception(error));
        }
        _receiveBuffer = buffer;
        return new ValueTask<int>(this, Start(Receive));
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposeRequested, 1) != 0) return;
        if (_loop.IsCurrent)
        {
            Close();
            Advance();
        }
        else
        {
            _loop.Post(this);
        }
    }

    /// <summary>On the loop thread (or any thread once the loop stopped): honour a close request, then advance the operation.</summary>
    public void RunOnLoop()
    {
        if (Volatile.Read(ref _disposeRequested) != 0 || _loop.IsStopped) Close();
        Advance();
    }

    /// <summary>Loop thread: the socket's epoll event.</summary>
    internal void OnEvents(uint events)
    {
        if ((events & (EpollNative.In | EpollNative.RdHup | EpollNative.Hup | EpollNative.Err)) != 0) _readable = true;
        // The peer's FIN may have come with the last data: no later edge will announce it, so a
        // drained socket stays readable (the next receive returns 0) once the event said so.
        if ((events & (EpollNative.RdHup | EpollNative.Hup | EpollNative.Err)) != 0) _peerClosed = true;
        if ((events & (EpollNative.Hup | EpollNative.Err)) != 0) _failed = true;
        if ((events & (EpollNative.Out | EpollNative.Hup | EpollNative.Err)) != 0) _writable = true;
        Advance();
    }

    private short Start(int operation)
    {
        _core.Reset();
        short token = _core.Version;
        if (_loop.IsCurrent)
        {
            _operation = operation;
            Advance();
        }
        else
        {
            Volatile.Write(ref _operation, operation);
            _loop.Post(this);
        }
        return token;
    }

    private void Advance()
    {
        int operation = Volatile.Read(ref _operation);
        if (operation == None) return;
        if (_closed)
        {
            Fail(new ObjectDisposedException(nameof(EpollConnection)));
            return;
        }
        switch (operation)
        {
            case Connect:
                if (_connecting) FinishConnect();
                else BeginConnect();
                return;
            case Send when _writable:
                Finish(TrySend(_sendData.Span, out int sendError), sendError);
                return;
            case Receive when _readable:
                Finish(TryReceive(_receiveBuffer.Span, out int receiveError), receiveError);
                return;
        }
    }

    /// <summary>Completes the pending send or receive with its outcome; a would-block leaves it pending.</summary>
    private void Finish(int transferred, int error)
    {
        if (transferred >= 0)
        {
            _sendData = default;
            _receiveBuffer = default;
            Succeed(transferred);
        }
        else if (error != SocketNative.EAgain)
        {
            Fail(SocketNative.Exception(error));
        }
    }

    /// <summary>
    /// One send call: the bytes sent, or -1 with <paramref name="error"/> (an errno). A full socket is
    /// no longer writable. Nagle's algorithm never holds a request written in one call (its tail
    /// waits only behind an unacknowledged small segment, and the previous answer acknowledged
    /// everything), so TCP_NODELAY, one more system call per connection, is set only once a request
    /// needs more than one call.
    /// </summary>
    private int TrySend(ReadOnlySpan<byte> data, out int error)
    {
        int sent = SocketNative.Send(_fd, data);
        error = sent < 0 ? SocketNative.LastError : 0;
        if (sent < data.Length)
        {
            if (!_noDelay)
            {
                _noDelay = true;
                SocketNative.SetNoDelay(_fd);
            }
            if (sent >= 0 || error == SocketNative.EAgain) _writable = false;
        }
        return sent;
    }

    /// <summary>
    /// One receive call: the bytes received (0 at the peer's close), or -1 with <paramref name="error"/> (an errno).
    /// A short read drained the socket, so it is no longer readable, unless the peer has closed.
    /// </summary>
    private int TryReceive(Span<byte> buffer, out int error)
    {
        int received = SocketNative.Receive(_fd, buffer);
        if (received < 0)
        {
            error = SocketNative.LastError;
            if (error == SocketNative.EAgain) _readable = _peerClosed;
            return -1;
        }
        error = 0;
        if (received > 0 && received < buffer.Length && !_peerClosed) _readable = false;
        return received;
    }

    private void BeginConnect()
    {
        // The descriptor is made here, on the loop, so that running out of them fails this request
        // as a connect failure instead of throwing in the client.
        _fd = SocketNative.Open(_family);
        if (_fd < 0)
        {
            Fail(SocketNative.Exception(SocketNative.LastError));
            return;
        }

        bool inProgress = false;
        if (SocketNative.Connect(_fd, _loop.AddressOf(_endPoint!)) != 0)
        {
            int error = SocketNative.LastError;
            if (error is not (SocketNative.EInProgress or SocketNative.EIntr))
            {
                Fail(SocketNative.Exception(error));
                return;
            }
            inProgress = true;
        }

        try
        {
            // Registered only now: a socket not yet connecting reports a hang-up at once.
            _slot = _loop.Register(this, _fd);
        }
        catch (SocketException e)
        {
            Fail(e);
            return;
        }

        _connecting = inProgress;
        if (!inProgress)
        {
            _writable = true;
            Succeed(0);
        }
    }

    private void FinishConnect()
    {
        if (!_writable) return;
        _connecting = false;
        // Writable without an error or a hang-up: connected, no need to ask.
        int error = _failed ? SocketNative.PendingError(_fd) : 0;
        if (error == 0) Succeed(0);
        else Fail(SocketNative.Exception(error));
    }

    private void Close()
    {
        if (_closed) return;
        _closed = true;
        if (_fd < 0) return;
        if (Volatile.Read(ref _operation) != None)
        {
            // Closed under a pending operation: a timeout, Ctrl-C or the hard stop. Reset the
            // connection (as .NET's sockets do when disposed under a pending operation) so that the
            // server drops the work at once instead of serving a client that has left.
            SocketNative.SetResetOnClose(_fd);
        }
        if (_slot >= 0)
        {
            _loop.Unregister(_slot);
            _slot = -1;
        }
        EpollNative.Close(_fd);
        _fd = -1;
    }

    private void Succeed(int result)
    {
        _operation = None;
        _core.SetResult(result);
    }

    private void Fail(Exception error)
    {
        _operation = None;
        _connecting = false;
        _core.SetException(error);
    }

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
