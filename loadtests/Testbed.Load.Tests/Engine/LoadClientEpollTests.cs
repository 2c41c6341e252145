using Testbed.Load.Engine.Io;

namespace Testbed.Load.Tests.Engine;

// A response timeout is asserted near its limit: measured alone, not beside the other tests.
[Collection(TimingSensitiveCollection.Name)]
public sealed class LoadClientEpollTests : LoadClientTests
{
    private readonly EpollTransport _transport = new(1);

    private protected override ClientTransport Transport => _transport;
}
