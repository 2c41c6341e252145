using System.Net;
using System.Net.Sockets;

namespace Testbed.Load.Engine.Io;

/// <summary>
/// A <see cref="Socket"/> with its ValueTask APIs, which reuse one pooled SocketAsyncEventArgs per
/// direction, so a keep-alive request allocates nothing.
/// </summary>
internal sealed class SocketConnection(AddressFamily family) : ClientConnection
{
    private readonly Socket _socket = new(family, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public override ValueTask ConnectAsync(IPEndPoint endPoint) => _socket.ConnectAsync(endPoint, CancellationToken.None);

    public override ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => _socket.SendAsync(data, SocketFlags.None);

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer) => _socket.ReceiveAsync(buffer, SocketFlags.None);

    public override void Dispose() => _socket.Dispose();
}
