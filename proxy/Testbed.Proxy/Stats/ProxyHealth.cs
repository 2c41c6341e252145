namespace Testbed.Proxy.Stats;

/// <summary>The body of the proxy's own GET /healthz: it is up, and how many backends can take traffic.</summary>
internal sealed record ProxyHealth(string Status, int Backends, int Healthy);
