using System.Text;

namespace Testbed.Servers.Tcp;

/// <summary>
/// The request framing and the answer of every mode: one request is at most
/// <see cref="MaxRequestBytes"/> bytes, or up to the blank line that ends an HTTP header
/// block if that comes first; the answer is a complete HTTP/1.1 response echoing it. Unlike the source
/// (bare LF, no length) the answer carries Content-Length, so a client need not wait for the close.
/// </summary>
internal static class EchoProtocol
{
    /// <summary>Largest request read and echoed; longer requests are cut here. Fixed by the experiment.</summary>
    public const int MaxRequestBytes = 1024;

    /// <summary>Longest time and most bytes spent draining input left after the answer (see <see cref="MayHaveUnreadInput"/>).</summary>
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);
    public const int MaxDrainBytes = 64 * 1024;

    private static readonly byte[] Head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "u8.ToArray();

    /// <summary>
    /// Length of the request at the start of <paramref name="data"/>: through the first "\r\n\r\n" (or
    /// "\n\n", which the source's clients may send), or -1 while the header block has not ended.
    /// </summary>
    public static int RequestLength(ReadOnlySpan<byte> data)
    {
        int crlf = data.IndexOf("\r\n\r\n"u8);
        int lf = data.IndexOf("\n\n"u8);
        int end = -1;
        if (crlf >= 0)
            end = crlf + 4;
        if (lf >= 0 && (end < 0 || lf + 2 < end))
            end = lf + 2;
        return end;
    }

    /// <summary>
    /// Whether input may be left unread after the request: it was cut at <paramref name="capacity"/>
    /// bytes, more bytes followed its header block, or the socket still has <paramref name="available"/>
    /// bytes. Closing a socket with unread input makes the kernel send RST, which can destroy the response
    /// before the client reads it; so then the server half-closes and drains first, the "lingering
    /// close" of Apache and nginx.
    /// </summary>
    public static bool MayHaveUnreadInput(int read, int length, int capacity, int available) =>
        (length < 0 && read == capacity) || (length >= 0 && length < read) || available > 0;

    /// <summary>The complete response: status line, headers naming the serving process, then the body.</summary>
    public static byte[] BuildResponse(ReadOnlySpan<byte> body, int servedBy)
    {
        var tail = Encoding.ASCII.GetBytes($"{body.Length}\r\nX-Served-By: {servedBy}\r\nConnection: close\r\n\r\n");
        // One buffer, one send: two small writes would meet Nagle and delayed ACK and cost ~40 ms.
        var response = new byte[Head.Length + tail.Length + body.Length];
        Head.CopyTo(response, 0);
        tail.CopyTo(response, Head.Length);
        body.CopyTo(response.AsSpan(Head.Length + tail.Length));
        return response;
    }
}
