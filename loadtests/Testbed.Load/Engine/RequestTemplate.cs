using System.Text;

namespace Testbed.Load.Engine;

/// <summary>
/// The bytes sent for every request, serialized once before the run so that the hot path only
/// copies a ready buffer to the socket. For HTTP targets: request line, Host, User-Agent, Accept,
/// Connection, extra headers and an optional body. For raw TCP targets: the payload as given.
/// </summary>
internal sealed class RequestTemplate
{
    public const string UserAgent = "testbed-load/1.0";

    private RequestTemplate(byte[] bytes, bool isHead, int bodyLength)
    {
        Bytes = bytes;
        IsHead = isHead;
        BodyLength = bodyLength;
    }

    public byte[] Bytes { get; }

    /// <summary>HEAD responses carry no body whatever their Content-Length says.</summary>
    public bool IsHead { get; }

    public int BodyLength { get; }

    public static RequestTemplate ForHttp(Target target, string method, bool keepAlive,
        IReadOnlyList<(string Name, string Value)> headers, byte[]? body, string? contentType)
    {
        var sb = new StringBuilder();
        sb.Append(method).Append(' ').Append(target.PathAndQuery).Append(" HTTP/1.1\r\n");
        bool has(string name) => headers.Any(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (!has("Host")) sb.Append("Host: ").Append(target.HostHeader).Append("\r\n");
        if (!has("User-Agent")) sb.Append("User-Agent: ").Append(UserAgent).Append("\r\n");
        if (!has("Accept")) sb.Append("Accept: */*\r\n");
        if (!has("Connection")) sb.Append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
        foreach (var (name, value) in headers) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        if (body is not null)
        {
            if (contentType is not null && !has("Content-Type")) sb.Append("Content-Type: ").Append(contentType).Append("\r\n");
            sb.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }
        sb.Append("\r\n");
        byte[] head = Encoding.ASCII.GetBytes(sb.ToString());
        byte[] bytes = body is null ? head : [.. head, .. body];
        return new RequestTemplate(bytes, method.Equals("HEAD", StringComparison.OrdinalIgnoreCase), body?.Length ?? 0);
    }

    public static RequestTemplate ForTcp(byte[] payload) => new(payload, false, payload.Length);

    /// <summary>The default raw-TCP payload: a small HTTP/1.0 GET, which HTTP servers answer and then close.</summary>
    public static byte[] DefaultTcpPayload(Target target) =>
        Encoding.ASCII.GetBytes($"GET / HTTP/1.0\r\nHost: {target.HostHeader}\r\nUser-Agent: {UserAgent}\r\n\r\n");
}
