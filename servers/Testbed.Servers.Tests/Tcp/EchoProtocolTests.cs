using System.Text;
using Testbed.Servers.Tcp;

namespace Testbed.Servers.Tests.Tcp;

public sealed class EchoProtocolTests
{
    [Fact]
    public void RequestLength_HeaderBlockEnded_IncludesBlankLine()
    {
        var data = "GET / HTTP/1.1\r\nHost: a\r\n\r\nBODY"u8;
        Assert.Equal(data.Length - 4, EchoProtocol.RequestLength(data));
    }

    [Fact]
    public void RequestLength_HeaderBlockOpen_IsMinusOne() =>
        Assert.Equal(-1, EchoProtocol.RequestLength("GET / HTTP/1.1\r\nHost: a\r\n"u8));

    [Fact]
    public void RequestLength_BareLineFeeds_EndsAtBlankLine() =>
        Assert.Equal(16, EchoProtocol.RequestLength("GET / HTTP/1.0\n\nrest"u8));

    [Fact]
    public void BuildResponse_Body_HasExactHeadersAndEchoedBody()
    {
        var body = "GET /x HTTP/1.1\r\n\r\n"u8.ToArray();
        var response = Encoding.ASCII.GetString(EchoProtocol.BuildResponse(body, 4242));
        Assert.Equal(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 19\r\nX-Served-By: 4242\r\nConnection: close\r\n\r\nGET /x HTTP/1.1\r\n\r\n",
            response);
    }
}
