using System.Net.Sockets;
using Testbed.Load.Engine.Io;
using Testbed.Load.Stats;

namespace Testbed.Load.Engine;

/// <summary>
/// One virtual client: a socket (kept between requests with keep-alive), a receive buffer and a
/// parser, all reused for every request. Sends the pre-serialized request, reads the response and
/// returns one <see cref="RequestResult"/> with connect, waiting (first byte) and total times. The
/// connection comes from the run's <see cref="ClientTransport"/>; a keep-alive request allocates
/// nothing. Timeouts come from the shared <see cref="TimeoutWatchdog"/>.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private const long DeadlineFired = -1;

    private readonly Target _target;
    private readonly RequestTemplate _request;
    private readonly ClientOptions _options;
    private readonly RunObservations _observations;
    private readonly TimeProvider _time;
    private readonly ClientTransport _transport;
    private readonly HttpResponseParser _parser = new();
    private readonly long _timeoutTicks;
    private readonly long _connectTimeoutTicks;
    private readonly double _ticksPerMicro;
    private byte[] _buffer;
    private ClientConnection? _socket;
    private long _deadline;
    private volatile bool _aborted;

    public LoadClient(Target target, RequestTemplate request, ClientOptions options, RunObservations observations, TimeProvider time,
        ClientTransport transport, int lane = 0)
    {
        _transport = transport;
        Lane = lane;
        _target = target;
        _request = request;
        _options = options;
        _observations = observations;
        _time = time;
        _buffer = new byte[options.ReceiveBufferBytes];
        _timeoutTicks = (long)(options.Timeout.TotalSeconds * time.TimestampFrequency);
        _connectTimeoutTicks = (long)(options.ConnectTimeout.TotalSeconds * time.TimestampFrequency);
        _ticksPerMicro = time.TimestampFrequency / 1_000_000.0;
    }

    public bool IsAborted => _aborted;

    /// <summary>The client's number in its run: clients of one lane share an event loop.</summary>
    public int Lane { get; }

    /// <summary>Runs one request. <paramref name="intendedTimestamp"/> (open model) gives the corrected latency; -1 for none.</summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RequestResult> ExecuteAsync(long intendedTimestamp = -1)
    {
        long start = _time.GetTimestamp();
        bool retried = false;
        long connectTicks = 0;
        long bytes = 0;
        bool reused;

    Again:
        reused = _socket is not null;
        if (_socket is null)
        {
            var socket = _transport.Create(_target.EndPoint.AddressFamily, Lane);
            _socket = socket;
            long connectStart = _time.GetTimestamp();
            Volatile.Write(ref _deadline, connectStart + _connectTimeoutTicks);
            try
            {
                await socket.ConnectAsync(_target.EndPoint).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                bool fired = ClearDeadline();
                CloseSocket();
                var kind = _aborted ? FailureKind.Aborted
                    : fired ? FailureKind.ConnectTimeout
                    : e is SocketException { SocketErrorCode: SocketError.TimedOut } ? FailureKind.ConnectTimeout
                    : FailureKind.ConnectRefused;
                return Failed(kind, start, bytes);
            }
            connectTicks = _time.GetTimestamp() - start;
            if (ClearDeadline())
            {
                CloseSocket();
                return Failed(_aborted ? FailureKind.Aborted : FailureKind.ConnectTimeout, start, bytes);
            }
        }

        long sendStart = _time.GetTimestamp();
        Volatile.Write(ref _deadline, sendStart + _timeoutTicks);
        long firstByte = 0;
        var socketNow = _socket;
        bool headersDone = _target.IsTcp;
        _parser.Reset();
        _parser.CaptureServer = !_target.IsTcp && _observations.ServerSoftware is null;
        long tcpBody = 0;
        try
        {
            var payload = _request.Bytes;
            int sent = 0;
            while (sent < payload.Length)
            {
                sent += await socketNow.SendAsync(payload.AsMemory(sent)).ConfigureAwait(false);
            }

            int filled = 0;
            while (true)
            {
                if (filled == _buffer.Length)
                {
                    if (_buffer.Length >= ClientOptions.MaxHeaderBytes) return Fail(FailureKind.Malformed, start, bytes);
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
                int n = await socketNow.ReceiveAsync(_buffer.AsMemory(filled)).ConfigureAwait(false);
                if (n == 0)
                {
                    if (_target.IsTcp) break;
                    if (!headersDone)
                    {
                        if (bytes == 0 && reused && !retried)
                        {
                            // The server closed an idle keep-alive connection: not this request's fault (ab agrees).
                            retried = true;
                            ClearDeadline();
                            CloseSocket();
                            goto Again;
                        }
                        return Fail(bytes == 0 ? FailureKind.Receive : FailureKind.Malformed, start, bytes);
                    }
                    if (_parser.Framing == BodyFraming.UntilClose) break;
                    return Fail(FailureKind.Receive, start, bytes);
                }
                if (firstByte == 0) firstByte = _time.GetTimestamp();
                bytes += n;
                if (_target.IsTcp) { tcpBody += n; continue; }

                ParseStatus status;
                if (!headersDone)
                {
                    filled += n;
                    status = _parser.ParseHeaders(_buffer.AsSpan(0, filled), _request.IsHead, out int headerLength);
                    if (status == ParseStatus.Malformed) return Fail(FailureKind.Malformed, start, bytes);
                    if (headerLength == 0) continue;
                    headersDone = true;
                    status = _parser.FeedBody(_buffer.AsSpan(headerLength, filled - headerLength));
                    filled = 0;
                }
                else
                {
                    status = _parser.FeedBody(_buffer.AsSpan(0, n));
                }
                if (status == ParseStatus.Done) break;
                if (status == ParseStatus.Malformed) return Fail(FailureKind.Malformed, start, bytes);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            bool fired = ClearDeadline();
            if (!fired && !_aborted && bytes == 0 && reused && !retried)
            {
                retried = true;
                CloseSocket();
                goto Again;
            }
            CloseSocket();
            return Failed(_aborted ? FailureKind.Aborted : fired ? FailureKind.ResponseTimeout : FailureKind.Receive, start, bytes);
        }

        long end = _time.GetTimestamp();
        if (ClearDeadline())
        {
            CloseSocket();
            return Failed(_aborted ? FailureKind.Aborted : FailureKind.ResponseTimeout, start, bytes);
        }

        bool keptAlive = !(_target.IsTcp || !_options.KeepAlive || _parser.ConnectionClose);
        if (!keptAlive) CloseSocket();

        RequestOutcome outcome;
        FailureKind failure = FailureKind.None;
        long body = _target.IsTcp ? tcpBody : _parser.BodyBytes;
        if (_target.IsTcp || (_parser.StatusCode >= 200 && _parser.StatusCode < 400))
        {
            outcome = RequestOutcome.Completed;
            if (_options.CheckLength && !_observations.MatchesDocumentLength(body))
            {
                outcome = RequestOutcome.Failed;
                failure = FailureKind.Length;
            }
        }
        else
        {
            outcome = RequestOutcome.Non2xx;
        }
        if (_parser.Server is not null) _observations.OfferServerSoftware(_parser.Server);

        return new RequestResult(outcome, failure, end,
            Micros(connectTicks), Micros((firstByte == 0 ? end : firstByte) - sendStart), Micros(end - start),
            intendedTimestamp >= 0 ? Micros(end - intendedTimestamp) : -1,
            bytes, body, keptAlive, _target.IsTcp ? null : _parser.ServedBy);

        RequestResult Fail(FailureKind kind, long started, long received)
        {
            ClearDeadline();
            CloseSocket();
            return Failed(kind, started, received);
        }
    }

    /// <summary>Called by the watchdog: closes the socket if the current phase passed its deadline.</summary>
    internal void CheckDeadline(long now)
    {
        long d = Volatile.Read(ref _deadline);
        if (d > 0 && now > d && Interlocked.CompareExchange(ref _deadline, DeadlineFired, d) == d)
        {
            try { _socket?.Dispose(); } catch (ObjectDisposedException) { }
        }
    }

    /// <summary>Ends whatever the client is doing now; the pending request reports <see cref="FailureKind.Aborted"/>.</summary>
    public void Abort()
    {
        _aborted = true;
        try { _socket?.Dispose(); } catch (ObjectDisposedException) { }
    }

    public void Dispose() => CloseSocket();

    /// <summary>Clears the deadline; true if the watchdog had fired it.</summary>
    private bool ClearDeadline() => Interlocked.Exchange(ref _deadline, 0) == DeadlineFired;

    private void CloseSocket()
    {
        var s = _socket;
        _socket = null;
        s?.Dispose();
    }

    private RequestResult Failed(FailureKind kind, long start, long bytes) =>
        new(RequestOutcome.Failed, kind, _time.GetTimestamp(), 0, 0, Micros(_time.GetTimestamp() - start), -1, bytes, 0, false, null);

    private long Micros(long ticks) => (long)(ticks / _ticksPerMicro);
}
