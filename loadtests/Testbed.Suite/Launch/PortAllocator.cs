using System.Net;
using System.Net.Sockets;

namespace Testbed.Suite.Launch;

/// <summary>A free loopback port: bind port 0, read what the kernel chose, release it for the child.</summary>
internal static class PortAllocator
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
