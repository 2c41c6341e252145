using System.Net;
using Testbed.Servers.Web;

namespace Testbed.Servers.Tests.Web;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("http://localhost:0", "127.0.0.1", 0)]
    [InlineData("http://*:80", "0.0.0.0", 80)]
    [InlineData("http://+:81/", "0.0.0.0", 81)]
    [InlineData("http://[::1]:9000", "::1", 9000)]
    public void TryParse_SupportedUrl_GivesEndpoint(string url, string address, int port)
    {
        Assert.True(ListenAddress.TryParse(url, out var endpoint, out _));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endpoint);
    }

    [Theory]
    [InlineData("127.0.0.1:8080")]
    [InlineData("https://127.0.0.1:8080")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:8080/path")]
    [InlineData("http://example.com:8080")]
    public void TryParse_UnsupportedUrl_GivesOneLineError(string url)
    {
        Assert.False(ListenAddress.TryParse(url, out _, out var error));
        Assert.Contains("--urls", error);
    }

    [Fact]
    public void Format_Ipv6Endpoint_UsesBrackets()
    {
        Assert.Equal("http://[::1]:80", ListenAddress.Format(new IPEndPoint(IPAddress.IPv6Loopback, 80)));
    }
}
