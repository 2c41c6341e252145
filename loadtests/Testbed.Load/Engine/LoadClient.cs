using System.Net.Sockets;
using Testbed.Load.Engine.Io;
using Testbed.Load.Stats;

namespace Testbed.Load.Engine;

/// <summary>
/// One virtual client: a socket (kept between requests with keep-alive), a receive buffer and a
/// <see cref="ResponseReader"/> for its protocol (HTTP or raw TCP), all reused for every request. Sends the pre-serialized request, reads the response and
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
    private readonly ResponseReader _reader;
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
        _reader = target.IsTcp ? new TcpResponseReader() : new HttpResponseReader(request.IsHead);
        // Never read before a receive fills it, so not zeroed; pinned, so that a thousand clients'
        // buffers are not copied from generation to generation by the GC.
        _buffer = GC.AllocateUninitializedArray<byte>(options.ReceiveBufferBytes, pinned: true);
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
        long connectTicks = 0;
        long bytes = 0;

        // At most one retry, see RetriesOnFreshConnection.
        for (bool retried = false; ; retried = true)
        {
            var connection = _socket;
            bool reused = connection is not null;
            if (connection is null)
            {
                connection = _transport.Create(_target.EndPoint.AddressFamily, Lane);
                _socket = connection;
                Volatile.Write(ref _deadline, _time.GetTimestamp() + _connectTimeoutTicks);
                var refused = FailureKind.None;
                try
                {
                    await connection.ConnectAsync(_target.EndPoint).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    refused = e is SocketException { SocketErrorCode: SocketError.TimedOut } ? FailureKind.ConnectTimeout : FailureKind.ConnectRefused;
                }

                connectTicks = _time.GetTimestamp() - start;
                bool fired = ClearDeadline();
                if (fired || refused != FailureKind.None)
                {
                    CloseSocket();
                    return Failed(_aborted ? FailureKind.Aborted : fired ? FailureKind.ConnectTimeout : refused, start, bytes);
                }
            }

            long sendStart = _time.GetTimestamp();
            Volatile.Write(ref _deadline, sendStart + _timeoutTicks);
            long firstByte = 0;
            var failure = FailureKind.None;
            _reader.Begin(_observations);
            try
            {
                var payload = _request.Bytes;
                int sent = 0;
                while (sent < payload.Length)
                {
                    sent += await connection.SendAsync(payload.AsMemory(sent)).ConfigureAwait(false);
                }

                int filled = 0;
                while (true)
                {
                    if (filled == _buffer.Length)
                    {
                        if (_buffer.Length >= ClientOptions.MaxHeaderBytes)
                        {
                            failure = FailureKind.Malformed;
                            break;
                        }

                        Array.Resize(ref _buffer, _buffer.Length * 2);
                    }

                    int n = await connection.ReceiveAsync(_buffer.AsMemory(filled)).ConfigureAwait(false);
                    if (n == 0)
                    {
                        failure = _reader.OnClose(bytes);
                        break;
                    }

                    if (firstByte == 0) firstByte = _time.GetTimestamp();
                    bytes += n;
                    var status = _reader.Read(_buffer, ref filled, n);
                    if (status == ParseStatus.Done) break;
                    if (status == ParseStatus.Malformed)
                    {
                        failure = FailureKind.Malformed;
                        break;
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
            {
                bool fired = ClearDeadline();
                failure = _aborted ? FailureKind.Aborted : fired ? FailureKind.ResponseTimeout : FailureKind.Receive;
            }

            if (failure == FailureKind.None)
            {
                return Completed(start, connectTicks, sendStart, firstByte, bytes, intendedTimestamp);
            }

            ClearDeadline();
            CloseSocket();
            if (!RetriesOnFreshConnection(failure, bytes, reused, retried))
            {
                return Failed(failure, start, bytes);
            }
        }
    }

    /// <summary>
    /// A keep-alive connection the server closed while it was idle fails the next request before any
    /// byte of the answer: not this request's fault (ab agrees), so it goes again, once, on a new
    /// connection. A timeout or an abort is never retried.
    /// </summary>
    private static bool RetriesOnFreshConnection(FailureKind failure, long bytes, bool reused, bool retried) =>
        failure == FailureKind.Receive && bytes == 0 && reused && !retried;

    /// <summary>The response arrived whole: its times, outcome and counts, and whether the connection stays open.</summary>
    private RequestResult Completed(long start, long connectTicks, long sendStart, long firstByte, long bytes, long intendedTimestamp)
    {
        long end = _time.GetTimestamp();
        if (ClearDeadline())
        {
            CloseSocket();
            return Failed(_aborted ? FailureKind.Aborted : FailureKind.ResponseTimeout, start, bytes);
        }

        bool keptAlive = _options.KeepAlive && _reader.ConnectionReusable;
        if (!keptAlive) CloseSocket();

        var outcome = _reader.Succeeded ? RequestOutcome.Completed : RequestOutcome.Non2xx;
        var failure = FailureKind.None;
        long body = _reader.BodyBytes;
        if (outcome == RequestOutcome.Completed && _options.CheckLength && !_observations.MatchesDocumentLength(body))
        {
            outcome = RequestOutcome.Failed;
            failure = FailureKind.Length;
        }

        if (_reader.Server is { } server) _observations.OfferServerSoftware(server);

        return new RequestResult(outcome, failure, end,
            Micros(connectTicks), Micros((firstByte == 0 ? end : firstByte) - sendStart), Micros(end - start),
            intendedTimestamp >= 0 ? Micros(end - intendedTimestamp) : -1,
            bytes, body, keptAlive, _reader.ServedBy);
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
