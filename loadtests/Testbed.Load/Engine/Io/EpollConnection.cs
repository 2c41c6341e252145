using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Testbed.Load.Engine.Io;

/// <summary>
/// A non-blocking socket driven by its <see cref="EpollLoop"/>. Its state belongs to the loop thread;
/// another thread only publishes a new operation (or a close) and posts the connection to the loop.
/// On the loop thread a send or receive that can finish at once returns synchronously; otherwise it
/// waits for the socket's edge-triggered event, and the awaiting code resumes inline on the loop.
/// Readiness is tracked so that no call is made that is known to fail: a receive that returned less
/// than it asked for drained the socket, so the next receive waits for an event instead of trying
/// (unless the peer has closed: its FIN may have come with that data and gets no event of its own).
/// </summary>
internal sealed class EpollConnection : ClientConnection, IValueTaskSource<int>, IValueTaskSource, ILoopWork
{
    // An int, not an enum, so that the loop can read it with acquire semantics (Volatile.Read).
    private const int None = 0, Connect = 1, Send = 2, Receive = 3;

    private readonly EpollLoop _loop;
    private readonly Socket _socket;
    private ManualResetValueTaskSourceCore<int> _core; // continuations run where the result is set: on the loop
    private int _operation;
    private Memory<byte> _receiveBuffer;
    private ReadOnlyMemory<byte> _sendData;
    private IPEndPoint? _endPoint;
    private int _slot = -1;
    private bool _connecting, _readable, _writable, _peerClosed, _closed;
    private int _disposeRequested;

    public EpollConnection(EpollLoop loop, AddressFamily family)
    {
        _loop = loop;
        _socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
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
            int sent = TrySend(data.Span, out var error);
            if (sent >= 0) return new ValueTask<int>(sent);
            if (error != SocketError.WouldBlock) return ValueTask.FromException<int>(new SocketException((int)error));
        }
        _sendData = data;
        return new ValueTask<int>(this, Start(Send));
    }

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer)
    {
        if (_loop.IsCurrent && !_closed && _readable)
        {
            int received = TryReceive(buffer.Span, out var error);
            if (received >= 0) return new ValueTask<int>(received);
            if (error != SocketError.WouldBlock) return ValueTask.FromException<int>(new SocketException((int)error));
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
            Fail(new ObjectDisposedException(nameof(Socket)));
            return;
        }
        switch (operation)
        {
            case Connect:
                if (_connecting) FinishConnect();
                else BeginConnect();
                return;
            case Send when _writable:
                Finish(TrySend(_sendData.Span, out var sendError), sendError);
                return;
            case Receive when _readable:
                Finish(TryReceive(_receiveBuffer.Span, out var receiveError), receiveError);
                return;
        }
    }

    /// <summary>Completes the pending send or receive with its outcome; a would-block leaves it pending.</summary>
    private void Finish(int transferred, SocketError error)
    {
        if (transferred >= 0)
        {
            _sendData = default;
            _receiveBuffer = default;
            Succeed(transferred);
        }
        else if (error != SocketError.WouldBlock)
        {
            Fail(new SocketException((int)error));
        }
    }

    /// <summary>One send call: the bytes sent, or -1 with <paramref name="error"/>. A full socket is no longer writable.</summary>
    private int TrySend(ReadOnlySpan<byte> data, out SocketError error)
    {
        int sent = _socket.Send(data, SocketFlags.None, out error);
        if (error != SocketError.Success)
        {
            if (error == SocketError.WouldBlock) _writable = false;
            return -1;
        }
        if (sent < data.Length) _writable = false;
        return sent;
    }

    /// <summary>
    /// One receive call: the bytes received (0 at the peer's close), or -1 with <paramref name="error"/>.
    /// A short read drained the socket, so it is no longer readable, unless the peer has closed.
    /// </summary>
    private int TryReceive(Span<byte> buffer, out SocketError error)
    {
        int received = _socket.Receive(buffer, SocketFlags.None, out error);
        if (error != SocketError.Success)
        {
            if (error == SocketError.WouldBlock) _readable = _peerClosed;
            return -1;
        }
        if (received > 0 && received < buffer.Length && !_peerClosed) _readable = false;
        return received;
    }

    private void BeginConnect()
    {
        bool inProgress = false;
        try
        {
            _socket.Connect(_endPoint!);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            inProgress = true;
        }
        catch (SocketException e)
        {
            Fail(e);
            return;
        }

        try
        {
            // Registered only now: a socket not yet connecting reports a hang-up at once.
            _slot = _loop.Register(this, _socket);
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
        var error = (SocketError)(int)_socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        _connecting = false;
        if (error == SocketError.Success) Succeed(0);
        else Fail(new SocketException((int)error));
    }

    private void Close()
    {
        if (_closed) return;
        _closed = true;
        if (Volatile.Read(ref _operation) != None)
        {
            // Closed under a pending operation: a timeout, Ctrl-C or the hard stop. Reset the
            // connection (as .NET's sockets do when disposed under a pending operation) so that the
            // server drops the work at once instead of serving a client that has left.
            try { _socket.LingerState = new LingerOption(true, 0); }
            catch (SocketException) { }
        }
        if (_slot >= 0)
        {
            _loop.Unregister(_slot);
            _slot = -1;
        }
        _socket.Dispose();
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
