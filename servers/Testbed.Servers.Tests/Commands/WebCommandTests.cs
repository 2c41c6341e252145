using System.CommandLine;
using System.Net;
using Testbed.Common;
using Testbed.Servers.Commands;
using Testbed.Servers.Tests.TestSupport;
using Testbed.Servers.Web;

namespace Testbed.Servers.Tests.Commands;

public sealed class WebCommandTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void ResolveOptions_NoFlagsNoEnvironment_UsesDocumentedDefaults()
    {
        var options = Resolve([], NoEnvironment);

        Assert.Equal(WorkerModes.Threaded, options.Mode);
        Assert.Equal(WebServerOptions.DefaultThreads, options.Threads);
        Assert.Equal(1, options.Workers);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8080), options.Endpoint);
        Assert.Null(options.WorkerIndex);
    }

    [Fact]
    public void ResolveOptions_EnvironmentOnly_TakesEveryTestbedVariable()
    {
        var options = Resolve([], new()
        {
            [WebCommand.ModeVariable] = "single",
            [WebCommand.ThreadsVariable] = "4",
            [WebCommand.WorkersVariable] = "3",
            [WebCommand.UrlsVariable] = "http://0.0.0.0:9000",
        });

        Assert.Equal(WorkerModes.Single, options.Mode);
        Assert.Equal(4, options.Threads);
        Assert.Equal(3, options.Workers);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 9000), options.Endpoint);
    }

    [Fact]
    public void ResolveOptions_FlagsAndEnvironment_FlagsWin()
    {
        var options = Resolve(
            ["--mode", "async", "-t", "5", "-w", "2", "--urls", "http://localhost:0"],
            new() { [WebCommand.ModeVariable] = "single", [WebCommand.ThreadsVariable] = "4", [WebCommand.WorkersVariable] = "3" });

        Assert.Equal(WorkerModes.Async, options.Mode);
        Assert.Equal(5, options.Threads);
        Assert.Equal(2, options.Workers);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0), options.Endpoint);
        Assert.Null(options.Cap);
    }

    [Theory]
    [InlineData(WebCommand.ModeVariable, "fast")]
    [InlineData(WebCommand.ThreadsVariable, "many")]
    [InlineData(WebCommand.ThreadsVariable, "0")]
    [InlineData(WebCommand.WorkersVariable, "65")]
    [InlineData(WebCommand.UrlsVariable, "https://127.0.0.1:8080")]
    public void ResolveOptions_BadEnvironmentValue_ThrowsUsageException(string name, string value)
    {
        var error = Assert.Throws<UsageException>(() => Resolve([], new() { [name] = value }));

        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("--mode", "fast")]
    [InlineData("--threads", "0")]
    [InlineData("--threads", "1025")]
    [InlineData("--workers", "0")]
    [InlineData("--urls", "http://127.0.0.1")]
    [InlineData("--urls", "http://example.com:80")]
    [InlineData("--urls", "http://127.0.0.1:70000")]
    [InlineData("--urls", "http://127.0.0.1:1;http://127.0.0.1:2")]
    public void ResolveOptions_BadFlagValue_ThrowsUsageException(string flag, string value)
    {
        Assert.Throws<UsageException>(() => Resolve([flag, value], NoEnvironment));
    }

    [Theory]
    [InlineData("--bogus", "1")]
    [InlineData("--threads", "x")]
    public void Parse_UnknownFlagOrNonInteger_IsAParseError(string flag, string value)
    {
        var root = new RootCommand { WebCommand.Create() };

        Assert.NotEmpty(root.Parse(["web", flag, value]).Errors);
    }

    [Theory]
    [InlineData("web --mode fast")]
    [InlineData("web --no-such-flag")]
    public async Task Run_BadArguments_ExitsWithCode2AndOneLine(string arguments)
    {
        using var server = ServerProcess.Start(null, arguments.Split(' '));

        Assert.Equal(CommandLineApp.ExitUsage, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(server.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Run_BadModeInEnvironment_ExitsWithCode2()
    {
        using var server = ServerProcess.Start(new Dictionary<string, string> { [WebCommand.ModeVariable] = "fast" }, "web");

        Assert.Equal(CommandLineApp.ExitUsage, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("fast", server.Stderr);
    }

    private static WebServerOptions Resolve(string[] arguments, Dictionary<string, string> environment)
    {
        var command = WebCommand.Create();
        var parsed = new RootCommand { command }.Parse(["web", .. arguments]);
        Assert.Empty(parsed.Errors);
        return command.ResolveOptions(parsed, name => environment.GetValueOrDefault(name));
    }
}
