using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Testbed.Servers.Web;

/// <summary>
/// Turns the <c>--urls</c> value into the one IP endpoint the server binds. Kestrel's own URL
/// binding is not used because the supervisor must bind the very same endpoint itself (to resolve
/// port 0 and to hold the port between worker restarts) and the workers must bind it with
/// SO_REUSEPORT, which needs a concrete address.
/// </summary>
internal static partial class ListenAddress
{
    [GeneratedRegex(@"^http://(?<host>\[[0-9A-Fa-f:.]+\]|[^:/\[\]]+):(?<port>[0-9]{1,5})/?$", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    /// <summary>Parses <c>http://HOST:PORT</c>; HOST is an IP literal, <c>localhost</c> (127.0.0.1) or <c>*</c>/<c>+</c> (0.0.0.0).</summary>
    public static bool TryParse(string url, out IPEndPoint endpoint, out string error)
    {
        endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        error = "";
        var match = UrlPattern().Match(url.Trim());
        if (!match.Success)
        {
            error = $"--urls takes one URL like http://127.0.0.1:8080 (explicit port), got '{url}'";
            return false;
        }

        var host = match.Groups["host"].Value;
        var port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
        if (port > IPEndPoint.MaxPort)
        {
            error = $"--urls port must be at most {IPEndPoint.MaxPort}, got {port}";
            return false;
        }

        IPAddress? address = host switch
        {
            "*" or "+" => IPAddress.Any,
            _ when string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) => IPAddress.Loopback,
            _ => IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null,
        };
        if (address is null)
        {
            error = $"--urls host must be an IP address, localhost or *, got '{host}'";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }

    public static string Format(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6
            ? $"http://[{endpoint.Address}]:{endpoint.Port}"
            : $"http://{endpoint.Address}:{endpoint.Port}";
}
