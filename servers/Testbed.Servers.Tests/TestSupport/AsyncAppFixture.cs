using Testbed.Servers.Web;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>One TestServer in mode async shared by the endpoint tests of a class.</summary>
public sealed class AsyncAppFixture : IDisposable
{
    internal WebServerFactory Factory { get; } = new(new WebServerOptions { Mode = WorkerModes.Async });

    public void Dispose() => Factory.Dispose();
}
