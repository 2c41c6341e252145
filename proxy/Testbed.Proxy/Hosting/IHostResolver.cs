using System.Net;

namespace Testbed.Proxy.Hosting;

/// <summary>Resolves a host name to its addresses; injected so tests can change what a name resolves to.</summary>
internal interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
