using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Testbed.Servers.Web;
using Testbed.Servers.Web.Hosting;

namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// The web app on a TestServer. The executable's entry point runs a command line, not a host, so the
/// factory builds the host through the same <see cref="WebServer.CreateHostBuilder"/> the server uses.
/// </summary>
internal sealed class WebServerFactory(WebServerOptions options) : WebApplicationFactory<WebServer>
{
    protected override IHostBuilder CreateHostBuilder() => new WebServer(options).CreateHostBuilder();
}
