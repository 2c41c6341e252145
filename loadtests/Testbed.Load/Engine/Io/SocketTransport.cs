using System.Net.Sockets;

namespace Testbed.Load.Engine.Io;

/// <summary>.NET's async sockets: portable, and the reference the epoll transport is measured against.</summary>
internal sealed class SocketTransport : ClientTransport
{
    public override string Name => DotNet;

    public override ClientConnection Create(AddressFamily family, int lane) => new SocketConnection(family);

    public override void Dispose()
    {
    }
}
