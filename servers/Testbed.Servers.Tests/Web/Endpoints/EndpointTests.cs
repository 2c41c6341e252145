using System.Net;
using System.Text.Json;
using Testbed.Servers.Tests.TestSupport;
using Testbed.Servers.Web.Endpoints;
using Testbed.Servers.Web.Execution;

namespace Testbed.Servers.Tests.Web.Endpoints;

public sealed class EndpointTests(AsyncAppFixture fixture) : IClassFixture<AsyncAppFixture>
{
    private readonly HttpClient _client = fixture.Factory.CreateClient();

    [Theory]
    [InlineData("/")]
    [InlineData("/index")]
    [InlineData("/mvc/index")]
    public async Task Get_HelloPaths_ReturnHelloWorldAsPlainText(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello world", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index")]
    [InlineData("/mvc/index")]
    [InlineData("/sleep?ms=0")]
    [InlineData("/cpu?units=1")]
    [InlineData("/healthz")]
    [InlineData("/stats")]
    [InlineData("/sleep?ms=nope")]
    [InlineData("/no/such/path")]
    public async Task Get_AnyPath_CarriesServedByHostAndPid(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.True(response.Headers.TryGetValues(ServedByMiddleware.HeaderName, out var values), $"no header on {path}");
        Assert.Equal($"{Environment.MachineName}/{Environment.ProcessId}", Assert.Single(values));
    }

    [Fact]
    public async Task Get_UnknownPath_Returns404()
    {
        using var response = await _client.GetAsync("/no/such/path");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_Sleep_WaitsAtLeastMsThenAnswers()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await _client.GetAsync("/sleep?ms=150");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello world", await response.Content.ReadAsStringAsync());
        Assert.True(started.ElapsedMilliseconds >= 145, $"took {started.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("/sleep?ms=abc", "ms")]
    [InlineData("/sleep?ms=-1", "ms")]
    [InlineData("/sleep?ms=60001", "ms")]
    [InlineData("/sleep?ms=", "ms")]
    [InlineData("/sleep?ms=1.5", "ms")]
    [InlineData("/sleep?ms=1&ms=2", "ms")]
    [InlineData("/sleep?ms=99999999999", "ms")]
    [InlineData("/cpu?units=0", "units")]
    [InlineData("/cpu?units=8001", "units")]
    [InlineData("/cpu?units=lots", "units")]
    public async Task Get_BadQueryValue_Returns400WithJsonErrorAndDetail(string path, string parameter)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ApiError.InvalidQuery, body.GetProperty("error").GetString());
        Assert.Contains($"'{parameter}'", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Get_CpuDefault_ReturnsSameDeterministicResultEachTime()
    {
        var first = await _client.GetStringAsync("/cpu");
        var second = await _client.GetStringAsync("/cpu");

        Assert.Equal(first, second);
        var body = JsonDocument.Parse(first).RootElement;
        Assert.Equal(CpuEndpoints.DefaultUnits, body.GetProperty("units").GetInt32());
        Assert.InRange(body.GetProperty("argmax").GetInt32(), 0, Testbed.Servers.Web.Cpu.DenseNetwork.Width - 1);
    }

    [Fact]
    public async Task Get_CpuWithUnits_ResultDependsOnUnitsAndReportsTime()
    {
        using var small = await _client.GetAsync("/cpu?units=3");
        var large = await _client.GetStringAsync("/cpu?units=4");

        var smallBody = JsonDocument.Parse(await small.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, smallBody.GetProperty("units").GetInt32());
        Assert.NotEqual(smallBody.GetProperty("checksum").GetDouble(), JsonDocument.Parse(large).RootElement.GetProperty("checksum").GetDouble());
        Assert.StartsWith("cpu;dur=", Assert.Single(small.Headers.GetValues("Server-Timing")));
    }

    [Fact]
    public async Task Get_Healthz_ReturnsOk()
    {
        using var response = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_Stats_ReportsProcessModeAndCountsServedRequestsButNotItself()
    {
        var before = JsonDocument.Parse(await _client.GetStringAsync("/stats")).RootElement;
        await _client.GetStringAsync("/index");
        await _client.GetStringAsync("/mvc/index");
        var after = JsonDocument.Parse(await _client.GetStringAsync("/stats")).RootElement;

        Assert.Equal(Environment.ProcessId, after.GetProperty("pid").GetInt32());
        Assert.Equal(Environment.MachineName, after.GetProperty("hostname").GetString());
        Assert.Equal("async", after.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("threads").ValueKind);
        Assert.Equal(1, after.GetProperty("workers").GetInt32());
        // Other tests share this server and may run at the same time: at least our two were counted.
        Assert.True(after.GetProperty("served").GetInt64() >= before.GetProperty("served").GetInt64() + 2);
        Assert.True(after.GetProperty("peakInFlight").GetInt32() >= 1);
        foreach (var name in new[] { "inFlight", "queued", "dropped", "threadPoolThreads", "uptimeMs" })
        {
            Assert.True(after.TryGetProperty(name, out _), $"/stats lacks {name}");
        }
    }
}
