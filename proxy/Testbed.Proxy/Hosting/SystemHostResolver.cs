using System.Net;

namespace Testbed.Proxy.Hosting;

/// <summary>The operating system's resolver (Docker's embedded DNS inside Compose).</summary>
internal sealed class SystemHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
