using Testbed.Load.Engine.Io;

namespace Testbed.Load.Tests.Engine;

public sealed class LoadClientEpollTests : LoadClientTests
{
    private readonly EpollTransport _transport = new(1);

    private protected override ClientTransport Transport => _transport;
}
