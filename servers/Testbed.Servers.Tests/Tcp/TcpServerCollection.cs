namespace Testbed.Servers.Tests.Tcp;

/// <summary>
/// The TCP tests start real servers and hundreds of connections (process mode: a .NET process each);
/// run them one class at a time so that bursts do not starve one another on a 2-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TcpServerCollection
{
    public const string Name = "tcp servers";
}
