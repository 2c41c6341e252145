using Testbed.Common;
using Testbed.Servers.Tcp;

namespace Testbed.Servers.Tests.Tcp;

public sealed class TcpServerOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        var options = new TcpServerOptions();
        options.Validate();
        Assert.Equal(TcpModes.Single, options.Mode);
        Assert.Equal(TimeSpan.FromSeconds(10), options.IdleTimeout);
        Assert.Equal(1000, options.EffectiveMaxConnections);
        Assert.Equal(2 * Environment.ProcessorCount, (options with { Mode = TcpModes.Process }).EffectiveMaxConnections);
    }

    private static readonly Dictionary<string, TcpServerOptions> InvalidCases = new()
    {
        ["unknown mode"] = new TcpServerOptions { Mode = "fork" },
        ["host not an address"] = new TcpServerOptions { Host = "localhost:80" },
        ["port too large"] = new TcpServerOptions { Port = 65536 },
        ["no backlog"] = new TcpServerOptions { Backlog = 0 },
        ["no connections"] = new TcpServerOptions { MaxConnections = 0 },
        ["zero idle timeout"] = new TcpServerOptions { IdleTimeout = TimeSpan.Zero },
        ["negative stats interval"] = new TcpServerOptions { StatsInterval = TimeSpan.FromSeconds(-1) },
        ["no workers"] = new TcpServerOptions { Workers = 0 },
        ["unknown child"] = new TcpServerOptions { Mode = TcpModes.Process, Child = "fork" },
        ["child outside process mode"] = new TcpServerOptions { Mode = TcpModes.Thread, Child = ProcessChildren.Aot },
        ["child exe outside process mode"] = new TcpServerOptions { ChildExe = "/bin/true" },
        ["child exe with the runtime child"] = new TcpServerOptions { Mode = TcpModes.Process, Child = ProcessChildren.Runtime, ChildExe = "/bin/true" },
    };

    public static TheoryData<string> Invalid() => [.. InvalidCases.Keys];

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidValue_ThrowsUsageException(string name) =>
        Assert.Throws<UsageException>(InvalidCases[name].Validate);
}
