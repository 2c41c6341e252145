using System.Net;
using Testbed.Load.Engine.Io;

namespace Testbed.Load.Tests.Engine.Io;

/// <summary>The socket addresses the epoll engine hands to connect(2), byte for byte as Linux lays them out.</summary>
public sealed class SocketNativeTests
{
    [Fact]
    public void Address_Ipv4_SockaddrInWithPortInNetworkOrder()
    {
        var bytes = SocketNative.Address(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 8080));

        // sa_family AF_INET (2, host order), port 0x1f90 big-endian, address, 8 bytes of zero.
        Assert.Equal(new byte[] { 2, 0, 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, bytes);
    }

    [Fact]
    public void Address_Ipv6WithScope_SockaddrIn6()
    {
        var address = IPAddress.Parse("fe80::1");
        address.ScopeId = 3;

        var bytes = SocketNative.Address(new IPEndPoint(address, 443));

        Assert.Equal(28, bytes.Length);
        Assert.Equal(new byte[] { 10, 0, 0x01, 0xbb, 0, 0, 0, 0 }, bytes[..8]); // AF_INET6, port, flowinfo
        Assert.Equal(address.GetAddressBytes(), bytes[8..24]);
        Assert.Equal(new byte[] { 3, 0, 0, 0 }, bytes[24..]);                    // scope id
    }
}
