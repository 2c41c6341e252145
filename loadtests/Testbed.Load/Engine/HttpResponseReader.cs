using Testbed.Load.Stats;

namespace Testbed.Load.Engine;

/// <summary>HTTP/1.1 responses: headers parsed incrementally, the body framed by length, chunks or close.</summary>
internal sealed class HttpResponseReader(bool isHeadRequest) : ResponseReader
{
    private readonly HttpResponseParser _parser = new();
    private bool _headersDone;

    public override void Begin(RunObservations observations)
    {
        _headersDone = false;
        _parser.Reset();
        _parser.CaptureServer = observations.ServerSoftware is null;
    }

    public override ParseStatus Read(byte[] buffer, ref int filled, int received)
    {
        if (_headersDone)
        {
            return _parser.FeedBody(buffer.AsSpan(0, received));
        }

        // The header block may span receives: keep what came so far and parse it whole.
        filled += received;
        var status = _parser.ParseHeaders(buffer.AsSpan(0, filled), isHeadRequest, out int headerLength);
        if (status == ParseStatus.Malformed || headerLength == 0)
        {
            return status;
        }

        _headersDone = true;
        status = _parser.FeedBody(buffer.AsSpan(headerLength, filled - headerLength));
        filled = 0;
        return status;
    }

    public override FailureKind OnClose(long bytesReceived)
    {
        if (!_headersDone)
        {
            return bytesReceived == 0 ? FailureKind.Receive : FailureKind.Malformed;
        }

        return _parser.Framing == BodyFraming.UntilClose ? FailureKind.None : FailureKind.Receive;
    }

    public override bool Succeeded => _parser.StatusCode is >= 200 and < 400;

    public override bool ConnectionReusable => !_parser.ConnectionClose;

    public override long BodyBytes => _parser.BodyBytes;

    public override string? ServedBy => _parser.ServedBy;

    public override string? Server => _parser.Server;
}
