using System.Globalization;

namespace Testbed.Proxy.Configuration;

/// <summary>
/// A host name whose addresses are all backends on one port (<c>--backends-dns NAME:PORT</c>), so
/// that <c>docker compose up --scale backend=N</c> needs no configuration change.
/// </summary>
internal sealed record DnsBackendSource(string Host, int Port, string Scheme = "http")
{
    /// <summary>Parses <c>NAME:PORT</c>; null with an error message when malformed.</summary>
    public static DnsBackendSource? TryParse(string text, out string? error)
    {
        error = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"--backends-dns '{text}' is not NAME:PORT";
            return null;
        }

        var host = text[..colon].Trim();
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"--backends-dns '{text}': port must be 1-65535";
            return null;
        }

        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            error = $"--backends-dns '{text}': '{host}' is not a host name";
            return null;
        }

        return new DnsBackendSource(host, port);
    }

    public override string ToString() => $"{Host}:{Port}";
}
