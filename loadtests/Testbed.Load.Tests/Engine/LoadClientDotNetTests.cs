using Testbed.Load.Engine.Io;

namespace Testbed.Load.Tests.Engine;

// A response timeout is asserted near its limit: measured alone, not beside the other tests.
[Collection(TimingSensitiveCollection.Name)]
public sealed class LoadClientDotNetTests : LoadClientTests
{
    private readonly SocketTransport _transport = new();

    private protected override ClientTransport Transport => _transport;
}
