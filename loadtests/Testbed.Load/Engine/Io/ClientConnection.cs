using System.Net;

namespace Testbed.Load.Engine.Io;

/// <summary>
/// One client TCP connection as <see cref="LoadClient"/> uses it: connect once, then send and
/// receive one operation at a time. Failures surface as <see cref="System.Net.Sockets.SocketException"/>
/// (or <see cref="ObjectDisposedException"/> once disposed), exactly as <see cref="System.Net.Sockets.Socket"/>
/// reports them. <see cref="Dispose"/> may be called from any thread (the timeout watchdog does) and
/// ends the pending operation.
/// </summary>
internal abstract class ClientConnection : IDisposable
{
    public abstract ValueTask ConnectAsync(IPEndPoint endPoint);

    /// <summary>Sends some of <paramref name="data"/>; returns how many bytes went out (at least one).</summary>
    public abstract ValueTask<int> SendAsync(ReadOnlyMemory<byte> data);

    /// <summary>Receives into <paramref name="buffer"/>; 0 means the peer closed the connection.</summary>
    public abstract ValueTask<int> ReceiveAsync(Memory<byte> buffer);

    public abstract void Dispose();
}
