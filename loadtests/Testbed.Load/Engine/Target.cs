using System.Net;
using Testbed.Common;

namespace Testbed.Load.Engine;

/// <summary>
/// A parsed target: <c>http://host[:port]/path</c> (port defaults to 80) or <c>tcp://host:port</c>.
/// The host is resolved once, at start-up, so no run pays for DNS per connection.
/// </summary>
internal sealed record Target(string Url, string Scheme, string Host, int Port, string PathAndQuery, IPEndPoint EndPoint)
{
    public bool IsTcp => Scheme == TargetSchemes.Tcp;

    /// <summary>The Host header value: the port is included only when it is not the default.</summary>
    public string HostHeader => Port == 80 ? Host : $"{Host}:{Port}";

    /// <summary>Parses and resolves a target; throws <see cref="UsageException"/> on bad input.</summary>
    public static Target Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new UsageException($"invalid URL '{url}' (expected http://host:port/path or tcp://host:port)");
        string scheme = uri.Scheme.ToLowerInvariant();
        if (scheme != TargetSchemes.Http && scheme != TargetSchemes.Tcp)
            throw new UsageException($"unsupported scheme '{uri.Scheme}' in '{url}' (supported: http, tcp)");
        int port = uri.Port;
        if (scheme == TargetSchemes.Tcp && uri.IsDefaultPort)
            throw new UsageException($"a tcp:// target needs a port: '{url}'");
        if (port <= 0) port = 80;
        string host = uri.IdnHost.Trim('[', ']');
        IPAddress address;
        if (!IPAddress.TryParse(host, out address!))
        {
            try
            {
                address = Dns.GetHostAddresses(host)
                    .OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1)
                    .First();
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or InvalidOperationException)
            {
                throw new UsageException($"cannot resolve host '{host}'");
            }
        }
        string path = string.IsNullOrEmpty(uri.PathAndQuery) ? "/" : uri.PathAndQuery;
        return new Target(url, scheme, uri.Host, port, path, new IPEndPoint(address, port));
    }
}
