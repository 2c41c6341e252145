using System.Net;
using Testbed.Servers.Tests.TestSupport;
using Testbed.Servers.Web;

namespace Testbed.Servers.Tests.Web.Endpoints;

/// <summary>The same endpoints through the dedicated handler threads of the blocking modes.</summary>
public sealed class BlockingModeEndpointTests
{
    [Theory]
    [InlineData(WorkerModes.Single)]
    [InlineData(WorkerModes.Threaded)]
    public async Task Get_EveryEndpoint_AnswersInBlockingMode(string mode)
    {
        using var factory = new WebServerFactory(new WebServerOptions { Mode = mode, Threads = 2 });
        using var client = factory.CreateClient();

        Assert.Equal("hello world", await client.GetStringAsync("/index"));
        Assert.Equal("hello world", await client.GetStringAsync("/mvc/index"));
        Assert.Equal("hello world", await client.GetStringAsync("/sleep?ms=10"));
        Assert.Contains("\"units\":2", await client.GetStringAsync("/cpu?units=2"));
        using var bad = await client.GetAsync("/sleep?ms=x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var stats = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/stats")).RootElement;
        Assert.Equal(mode, stats.GetProperty("mode").GetString());
        Assert.Equal(mode == WorkerModes.Single ? 1 : 2, stats.GetProperty("threads").GetInt32());
        Assert.Equal(5, stats.GetProperty("served").GetInt64());
    }

    [Fact]
    public async Task Get_CpuInThreadedAndAsync_GiveIdenticalAnswers()
    {
        using var threaded = new WebServerFactory(new WebServerOptions { Mode = WorkerModes.Threaded });
        using var async = new WebServerFactory(new WebServerOptions { Mode = WorkerModes.Async });

        Assert.Equal(
            await threaded.CreateClient().GetStringAsync("/cpu?units=25"),
            await async.CreateClient().GetStringAsync("/cpu?units=25"));
    }
}
