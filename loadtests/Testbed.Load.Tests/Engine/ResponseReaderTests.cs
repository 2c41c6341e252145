using System.Text;
using Testbed.Load.Engine;
using Testbed.Load.Stats;

namespace Testbed.Load.Tests.Engine;

/// <summary>The protocol side of LoadClient, fed bytes as a socket would deliver them.</summary>
public sealed class ResponseReaderTests
{
    private static readonly RunObservations Observations = new();

    /// <summary>Delivers <paramref name="chunks"/> one receive at a time, as LoadClient does; returns the last status.</summary>
    private static ParseStatus Feed(ResponseReader reader, byte[] buffer, params string[] chunks)
    {
        int filled = 0;
        var status = ParseStatus.NeedMore;
        foreach (var chunk in chunks)
        {
            int n = Encoding.ASCII.GetBytes(chunk, buffer.AsSpan(filled));
            status = reader.Read(buffer, ref filled, n);
        }

        return status;
    }

    [Fact]
    public void Read_HttpHeadersSplitAcrossReceives_DoneWithBodyAndReusable()
    {
        var reader = new HttpResponseReader(isHeadRequest: false);
        reader.Begin(Observations);

        var status = Feed(reader, new byte[256], "HTTP/1.1 200 OK\r\nContent-Le", "ngth: 5\r\n\r\nhel", "lo");

        Assert.Equal(ParseStatus.Done, status);
        Assert.Equal(5, reader.BodyBytes);
        Assert.True(reader.Succeeded);
        Assert.True(reader.ConnectionReusable);
    }

    [Fact]
    public void Read_Http503WithConnectionClose_NotSucceededNotReusable()
    {
        var reader = new HttpResponseReader(isHeadRequest: false);
        reader.Begin(Observations);

        var status = Feed(reader, new byte[256], "HTTP/1.1 503 Busy\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        Assert.Equal(ParseStatus.Done, status);
        Assert.False(reader.Succeeded);
        Assert.False(reader.ConnectionReusable);
    }

    [Theory]
    [InlineData("", 0, "Receive")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-", 25, "Malformed")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhal", 41, "Receive")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\nuntil close", 30, "None")]
    public void OnClose_Http_FailsUnlessTheBodyEndsAtClose(string received, long bytes, string expected)
    {
        var reader = new HttpResponseReader(isHeadRequest: false);
        reader.Begin(Observations);
        if (received.Length > 0)
        {
            Assert.Equal(ParseStatus.NeedMore, Feed(reader, new byte[256], received));
        }

        Assert.Equal(Enum.Parse<FailureKind>(expected), reader.OnClose(bytes));
    }

    [Fact]
    public void Begin_AfterAResponse_StartsTheNextFromItsHeaders()
    {
        var reader = new HttpResponseReader(isHeadRequest: false);
        var buffer = new byte[256];
        reader.Begin(Observations);
        Feed(reader, buffer, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        reader.Begin(Observations);

        Assert.Equal(FailureKind.Receive, reader.OnClose(0));
        Assert.Equal(ParseStatus.Done, Feed(reader, buffer, "HTTP/1.1 404 No\r\nContent-Length: 1\r\n\r\nx"));
        Assert.Equal(1, reader.BodyBytes);
        Assert.False(reader.Succeeded);
    }

    [Fact]
    public void Read_Tcp_CountsEveryByteAndCompletesAtClose()
    {
        var reader = new TcpResponseReader();
        reader.Begin(Observations);

        var status = Feed(reader, new byte[256], "HTTP/1.1 200 OK\r\n", "\r\necho");

        Assert.Equal(ParseStatus.NeedMore, status);
        Assert.Equal(23, reader.BodyBytes);
        Assert.Equal(FailureKind.None, reader.OnClose(23));
        Assert.True(reader.Succeeded);
        Assert.False(reader.ConnectionReusable);
        Assert.Null(reader.ServedBy);
    }
}
