namespace Testbed.Proxy.Stats;

/// <summary>The JSON body of the 503 sent when no backend can take a request.</summary>
internal sealed record NoBackendError(string Error, int Backends, int Healthy);
