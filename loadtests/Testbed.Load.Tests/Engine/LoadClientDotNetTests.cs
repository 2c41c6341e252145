using Testbed.Load.Engine.Io;

namespace Testbed.Load.Tests.Engine;

public sealed class LoadClientDotNetTests : LoadClientTests
{
    private readonly SocketTransport _transport = new();

    private protected override ClientTransport Transport => _transport;
}
