using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Testbed.Views;
using Testbed.Load.Commands;
using Testbed.Load.Tests.Commands;
using Testbed.Load.Tests.TestServers;

namespace Testbed.Load.Tests.Dashboard;

/// <summary>The real executable with --dashboard against a real server: the page, its event stream to the end of the run, errors.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task Dashboard_ShortRun_StreamsEverySecondThenSummaryAndReport()
    {
        await using var server = new LoopbackHttpServer();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "testbed-load.dll"), "users", "--dashboard", server.Url("/delay/5"), "--users", "4", "--duration", "3s", "-q" })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        try
        {
            var line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? "";
            var url = DashboardUrl().Match(line).Value;
            Assert.StartsWith("http://127.0.0.1:", url);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

            var page = await http.GetStringAsync(url);
            SelfContainedPage.AssertSelfContained(page);
            Assert.Contains("id=\"state\"", page);
            var missing = await http.GetAsync(url + "nope");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/json", missing.Content.Headers.ContentType?.MediaType);

            using var stream = await http.GetStreamAsync(url + "events");
            using var reader = new StreamReader(stream);
            var seconds = new List<JsonElement>();
            string? done = null;
            string? name = null;
            while (done is null && await reader.ReadLineAsync() is { } text)
            {
                if (text.StartsWith("event: ", StringComparison.Ordinal)) name = text[7..];
                else if (text.StartsWith("data: ", StringComparison.Ordinal))
                {
                    if (name == "done") done = text[6..];
                    else seconds.Add(JsonDocument.Parse(text[6..]).RootElement.Clone());
                }
            }

            Assert.NotNull(done);
            Assert.InRange(seconds.Count, 2, 4); // one per second of a 3 s run (the last, partial one closes with the run)
            Assert.Equal(Enumerable.Range(1, seconds.Count), seconds.Select(s => s.GetProperty("second").GetInt32()));
            Assert.All(seconds, s => Assert.True(s.GetProperty("rps").GetDouble() > 0));
            Assert.True(seconds[^1].GetProperty("p99").GetDouble() >= seconds[^1].GetProperty("p50").GetDouble());
            using var final = JsonDocument.Parse(done);
            Assert.True(final.RootElement.GetProperty("completed").GetInt64() >= seconds[^1].GetProperty("completed").GetInt64());
            var report = final.RootElement.GetProperty("reportHtml").GetString()!;
            SelfContainedPage.AssertSelfContained(report);
            Assert.Contains("Latency by percentile", report);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    [Fact]
    public async Task Dashboard_PortTaken_ExitCode2AndOneLine()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            int port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var (code, _, stderr) = await CliTests.RunAsync("ab", "-n", "1", "--dashboard", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "http://127.0.0.1:9/");
            Assert.Equal(2, code);
            Assert.Single(stderr.Trim().Split('\n'));
            Assert.StartsWith("testbed-load: --dashboard: cannot listen on 127.0.0.1:", stderr);
        }
        finally
        {
            taken.Stop();
        }
    }

    [Theory]
    [InlineData(new[] { "ab", "--dashboard", "http://x/" }, new[] { "ab", "--dashboard", "0", "http://x/" })]
    [InlineData(new[] { "ab", "--dashboard", "8089", "http://x/" }, new[] { "ab", "--dashboard", "8089", "http://x/" })]
    [InlineData(new[] { "ab", "http://x/", "--dashboard" }, new[] { "ab", "http://x/", "--dashboard", "0" })]
    public void WithExplicitPort_OptionalPort_IsMadeExplicit(string[] args, string[] expected) =>
        Assert.Equal(expected, DashboardOption.WithExplicitPort(args));

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex DashboardUrl();
}
