using System.Net;
using System.Text.Json;
using Testbed.Suite.Launch;
using Testbed.Suite.Results;
using Testbed.Suite.Tests.Pipeline;

namespace Testbed.Suite.Tests.Dashboard;

/// <summary>
/// testbed-suite --dashboard during a real suite run: its one address serves the live page of the
/// step in progress (real testbed-load processes with their own --dashboard), relays their event
/// streams, and goes away with the suite.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class SuiteDashboardTests : IDisposable
{
    private const string Live = """
        {
          "id": "l1", "name": "live", "title": "A step to watch",
          "parameters": { "quick": {}, "full": {} },
          "roles": [ { "name": "web", "exe": "testbed-server", "args": ["web", "--mode", "async", "--urls", "{url}"] } ],
          "steps": [
            { "name": "warm", "role": "web", "path": "/index", "profile": "ab", "args": ["-n", "10"] },
            { "name": "watched", "role": "web", "path": "/index", "profile": "users", "args": ["--users", "4", "--wait", "20-40", "--duration", "8s"], "generators": 2 }
          ],
          "claims": [ { "id": "c", "text": "it ran", "expr": "watched.completed > 0" } ]
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("suite-dashboard-").FullName;

    [Fact]
    public async Task RunAsync_Dashboard_ServesTheStepInProgressAndRelaysItsEvents()
    {
        var port = PortAllocator.FreePort();
        var tiny = new TinySuite(_directory, ("l1.json", Live));
        tiny.Options = tiny.Options with { DashboardPort = port };
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

        var run = tiny.RunAsync();
        await WaitForAsync(async () => (await StatusAsync(http))?.RootElement is { } s && s.GetProperty("running").GetBoolean() && s.GetProperty("step").GetString() == "watched", "the step 'watched' running", run);
        await WaitForAsync(async () => (await http.GetStringAsync("/")).Contains("<title>testbed-load dashboard</title>"), "generator 1's page at /", run);

        var page = await http.GetStringAsync("/");
        SelfContainedPage.AssertSelfContained(page);
        Assert.Contains("step <b id=\"suite-step\">watched</b>", page);
        Assert.Contains("<a href=\"/g/2/\">generator 2</a>", page);
        Assert.Contains("l1 warm (1/1): ", page); // done so far, with its summary
        var second = await http.GetStringAsync("/g/2/");
        Assert.Contains("<b>generator 2</b>", second);
        Assert.Contains("--segment 2/2", second);
        Assert.Equal(HttpStatusCode.Redirect, (await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }).GetAsync($"http://127.0.0.1:{port}/g/2")).StatusCode);

        using (var events = await http.GetAsync("/g/2/events", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
            using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            string? line;
            do line = await reader.ReadLineAsync(timeout.Token);
            while (line is not null && line != "event: second");
            Assert.Equal("event: second", line);
            Assert.Contains("\"rps\":", await reader.ReadLineAsync(timeout.Token));
        }

        using (var state = JsonDocument.Parse(await http.GetStringAsync("/state")))
        {
            Assert.Equal("users", state.RootElement.GetProperty("info").GetProperty("profile").GetString());
        }

        var missing = await http.GetAsync("/nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("\"error\"", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/g/3/events")).StatusCode);

        var suite = await run;
        Assert.Equal(ExperimentStatuses.Ran, suite.Experiments.Single().Status);
        Assert.Contains($"suite: live page of the step in progress on http://127.0.0.1:{port}/", tiny.Console);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync("/suite"));
    }

    private static async Task<JsonDocument?> StatusAsync(HttpClient http)
    {
        try
        {
            return JsonDocument.Parse(await http.GetStringAsync("/suite"));
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, Task run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.False(run.IsCompleted, $"the suite ended before {what}");
            Assert.True(DateTime.UtcNow < deadline, $"no {what} within 60 s");
            await Task.Delay(200);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
