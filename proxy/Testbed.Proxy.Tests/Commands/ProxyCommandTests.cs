using System.Net;
using Testbed.Proxy.Tests.Support;

namespace Testbed.Proxy.Tests.Commands;

/// <summary>The real executable: exit codes for bad input, the ready line, and proxying end to end.</summary>
public sealed class ProxyCommandTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("no backend")]
    [InlineData("not an absolute http", "--backend", "localhost:8001")]
    [InlineData("not an absolute http", "--backend", "http://127.0.0.1:8001", "--backend", "::nonsense")]
    [InlineData("must be one of", "--backend", "http://127.0.0.1:8001", "--policy", "Fastest")]
    [InlineData("--backends-dns", "--backends-dns", "backend")]
    [InlineData("--timeout", "--backend", "http://127.0.0.1:8001", "--timeout", "soon")]
    [InlineData("--bogus", "--bogus")]
    public async Task BadInput_ExitsWithCode2AndOneLine(string expected, params string[] args)
    {
        using var proxy = ProxyProcess.Start(args);

        var exitCode = await proxy.WaitForExitAsync(ExitTimeout);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(proxy.Stderr);
        Assert.StartsWith("testbed-proxy: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task Backends_FromEnvironment_ReadyLineThenProxies()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        using var proxy = ProxyProcess.Start(
            ["--urls", "http://127.0.0.1:0", "--policy", "LeastRequests"],
            new Dictionary<string, string> { ["TESTBED_BACKENDS"] = $"{a.Url},{b.Url}" });

        var url = await proxy.WaitReadyAsync(ExitTimeout);

        Assert.Equal($"testbed-proxy ready on {url.ToString().TrimEnd('/')} backends=2 policy=LeastRequests", proxy.ReadyLineText());
        using var client = new HttpClient { BaseAddress = url };
        using var response = await client.GetAsync("/hello");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("X-Served-By").Single(), new[] { "a", "b" });
        Assert.Empty(proxy.Stderr);
    }
}
