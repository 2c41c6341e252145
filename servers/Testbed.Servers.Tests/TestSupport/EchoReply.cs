using System.Globalization;
using System.Text;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>An HTTP response read to the server's close, split into status, headers and body.</summary>
internal sealed record EchoReply(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public int ServedBy => int.Parse(Headers["X-Served-By"], CultureInfo.InvariantCulture);

    public static EchoReply Parse(byte[] response)
    {
        int end = response.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
            throw new FormatException($"no end of headers in {response.Length} bytes: {Encoding.ASCII.GetString(response)}");
        var lines = Encoding.ASCII.GetString(response, 0, end).Split("\r\n");
        var status = lines[0].Split(' ');
        if (status[0] != "HTTP/1.1")
            throw new FormatException($"bad status line '{lines[0]}'");
        var headers = lines.Skip(1)
            .Select(line => line.Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.OrdinalIgnoreCase);
        return new EchoReply(int.Parse(status[1], CultureInfo.InvariantCulture), headers, response[(end + 4)..]);
    }
}
