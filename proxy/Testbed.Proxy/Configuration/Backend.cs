namespace Testbed.Proxy.Configuration;

/// <summary>One upstream server: a YARP destination id and its base address.</summary>
internal sealed record Backend(string Id, Uri Address);
