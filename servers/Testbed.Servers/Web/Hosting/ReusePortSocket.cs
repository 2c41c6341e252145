using System.Net;
using System.Net.Sockets;

namespace Testbed.Servers.Web.Hosting;

/// <summary>
/// Listen sockets with SO_REUSEPORT, so that several worker processes bind one port and the kernel
/// spreads incoming connections across them (Linux; the option does not balance elsewhere).
/// </summary>
internal static class ReusePortSocket
{
    // Linux values; .NET exposes SO_REUSEPORT only through raw socket options.
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    /// <summary>For Kestrel's <c>SocketTransportOptions.CreateBoundListenSocket</c>: bound, not yet listening.</summary>
    public static Socket CreateBound(EndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            socket.Bind(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
