using System.Text;
using Testbed.Load.Engine;

namespace Testbed.Load.Tests.Engine;

public sealed class HttpResponseParserTests
{
    private static (ParseStatus Status, HttpResponseParser Parser) ParseAll(string response, int pieceSize, bool head = false)
    {
        var p = new HttpResponseParser { CaptureServer = true };
        p.Reset();
        byte[] bytes = Encoding.ASCII.GetBytes(response);
        int headerLength = 0;
        for (int n = 1; n <= bytes.Length; n++)
        {
            var st = p.ParseHeaders(bytes.AsSpan(0, n), head, out headerLength);
            if (st == ParseStatus.Malformed) return (st, p);
            if (headerLength > 0) break;
        }
        if (headerLength == 0) return (ParseStatus.NeedMore, p);
        if (p.HeadersComplete) return (ParseStatus.Done, p);
        var status = ParseStatus.NeedMore;
        for (int i = headerLength; i < bytes.Length && status == ParseStatus.NeedMore; i += pieceSize)
            status = p.FeedBody(bytes.AsSpan(i, Math.Min(pieceSize, bytes.Length - i)));
        return (status, p);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void FeedBody_ContentLengthInPieces_DoneWithBodyCount(int piece)
    {
        var (st, p) = ParseAll("HTTP/1.1 200 OK\r\nContent-Length: 11\r\nServer: x/1\r\nX-Served-By: b1\r\n\r\nhello world", piece);
        Assert.Equal(ParseStatus.Done, st);
        Assert.Equal(200, p.StatusCode);
        Assert.Equal(11, p.BodyBytes);
        Assert.Equal("x/1", p.Server);
        Assert.Equal("b1", p.ServedBy);
        Assert.False(p.ConnectionClose);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    public void FeedBody_ChunkedWithExtensionAndTrailer_DecodedLength(int piece)
    {
        var (st, p) = ParseAll("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\nA;x=y\r\n0123456789\r\n0\r\nT: v\r\n\r\n", piece);
        Assert.Equal(ParseStatus.Done, st);
        Assert.Equal(BodyFraming.Chunked, p.Framing);
        Assert.Equal(13, p.BodyBytes);
    }

    [Fact]
    public void FeedBody_ChunkedBadSize_Malformed()
    {
        var (st, _) = ParseAll("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhel\r\n0\r\n\r\n", 4);
        Assert.Equal(ParseStatus.Malformed, st);
    }

    [Theory]
    [InlineData("SPDY/9 what\r\n\r\n")]
    [InlineData("HTTP/1.1 abc OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n")]
    public void ParseHeaders_NotHttp_Malformed(string response)
    {
        Assert.Equal(ParseStatus.Malformed, ParseAll(response, 10).Status);
    }

    [Fact]
    public void ParseHeaders_HeadRequest_NoBodyDespiteLength()
    {
        var (st, p) = ParseAll("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n", 10, head: true);
        Assert.Equal(ParseStatus.Done, st);
        Assert.Equal(0, p.BodyBytes);
    }

    [Fact]
    public void ParseHeaders_NoLength_ReadsUntilCloseAndCloses()
    {
        var (st, p) = ParseAll("HTTP/1.1 200 OK\r\n\r\nabc", 10);
        Assert.Equal(ParseStatus.NeedMore, st);
        Assert.Equal(BodyFraming.UntilClose, p.Framing);
        Assert.True(p.ConnectionClose);
        Assert.Equal(3, p.BodyBytes);
    }

    [Fact]
    public void ParseHeaders_Http10OrConnectionClose_NotReusable()
    {
        Assert.True(ParseAll("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 10).Parser.ConnectionClose);
        Assert.False(ParseAll("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", 10).Parser.ConnectionClose);
        Assert.True(ParseAll("HTTP/1.1 200 OK\r\nconnection: close\r\nContent-Length: 0\r\n\r\n", 10).Parser.ConnectionClose);
    }

    [Fact]
    public void ParseHeaders_SameServedByTwice_ReusesString()
    {
        var p = new HttpResponseParser();
        byte[] r = Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nX-Served-By: backend-1\r\n\r\n");
        p.Reset();
        p.ParseHeaders(r, false, out _);
        string first = p.ServedBy!;
        p.Reset();
        p.ParseHeaders(r, false, out _);
        Assert.Same(first, p.ServedBy);
        Assert.True(p.HeadersComplete);
    }
}
