using Testbed.Load.Stats;

namespace Testbed.Load.Engine;

/// <summary>Raw TCP: the answer is every byte until the server closes; the connection is never reused.</summary>
internal sealed class TcpResponseReader : ResponseReader
{
    private long _bodyBytes;

    public override void Begin(RunObservations observations) => _bodyBytes = 0;

    public override ParseStatus Read(byte[] buffer, ref int filled, int received)
    {
        _bodyBytes += received;
        return ParseStatus.NeedMore;
    }

    public override FailureKind OnClose(long bytesReceived) => FailureKind.None;

    public override bool Succeeded => true;

    public override bool ConnectionReusable => false;

    public override long BodyBytes => _bodyBytes;

    public override string? ServedBy => null;

    public override string? Server => null;
}
