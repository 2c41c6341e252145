using System.CommandLine;
using Testbed.Common;
using Testbed.Servers.Commands;
using Testbed.Servers.Web;

namespace Testbed.Servers.Tests.Commands;

public sealed class WebCommandDataDirTests
{
    [Fact]
    public void ResolveOptions_NoDataDir_DefaultsToData()
    {
        Assert.Equal("data", Resolve([], null).DataDirectory);
    }

    [Fact]
    public void ResolveOptions_EnvironmentOnly_TakesTestbedDataDir()
    {
        Assert.Equal("/tmp/cache", Resolve([], "/tmp/cache").DataDirectory);
    }

    [Fact]
    public void ResolveOptions_FlagAndEnvironment_FlagWins()
    {
        Assert.Equal("/srv/data", Resolve(["--data-dir", "/srv/data"], "/tmp/cache").DataDirectory);
    }

    [Fact]
    public void ResolveOptions_EmptyFlag_ThrowsUsageException()
    {
        Assert.Throws<UsageException>(() => Resolve(["--data-dir", " "], null));
    }

    private static WebServerOptions Resolve(string[] arguments, string? dataDir)
    {
        var command = WebCommand.Create();
        var parsed = new RootCommand { command }.Parse(["web", .. arguments]);
        Assert.Empty(parsed.Errors);
        return command.ResolveOptions(parsed, name => name == WebCommand.DataDirVariable ? dataDir : null);
    }
}
