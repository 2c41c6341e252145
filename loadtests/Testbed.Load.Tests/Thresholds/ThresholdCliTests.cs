using System.Diagnostics;
using Testbed.TestCommon;
using System.Text.Json;
using Testbed.Load.Tests.Commands;
using Testbed.Load.Tests.TestServers;

namespace Testbed.Load.Tests.Thresholds;

/// <summary>The real executable: --threshold's exit codes (0, 99, 1, 2), its report lines and record, and --abort-on-fail.</summary>
public sealed class ThresholdCliTests
{
    [Theory]
    [InlineData("ab", "-n", "20", "-c", "2", "--threshold", "p99<2xs", "http://127.0.0.1:9/")]
    [InlineData("rate", "--rps", "5", "--duration", "1", "--threshold", "latency<1s", "http://127.0.0.1:9/")]
    [InlineData("users", "-u", "1", "-d", "1", "--threshold", "errors<1%", "--threshold", "p99<", "http://127.0.0.1:9/")]
    [InlineData("threads", "-t", "1", "--abort-on-fail", "http://127.0.0.1:9/")]
    [InlineData("capacity", "--slo", "p99<<1s", "http://127.0.0.1:9/")]
    [InlineData("capacity", "--slo", "p99<1s", "--segment", "1/2", "http://127.0.0.1:9/")]
    [InlineData("capacity", "--slo", "p99<1s", "--threshold", "p99<1s", "http://127.0.0.1:9/")]
    [InlineData("capacity", "--slo", "p99<1s", "--probe", "5s", "--max-duration", "3s", "http://127.0.0.1:9/")]
    [InlineData("capacity", "--slo", "p99<1s", "--resolution", "none", "http://127.0.0.1:9/")]
    [InlineData("capacity", "--slo", "p99<1s", "--min-rate", "10", "--max-rate", "5", "http://127.0.0.1:9/")]
    [InlineData("capacity", "--slo", "p99<1s", "--start", "0", "http://127.0.0.1:9/")]
    public async Task Main_BadThresholdOrCapacityInput_ExitCode2AndOneLine(params string[] args)
    {
        var (code, _, stderr) = await CliTests.RunAsync(args);
        Assert.Equal(2, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("testbed-load:", stderr);
    }

    [Fact]
    public async Task Main_ThresholdsMet_ExitCode0AndEachListedWithItsMeasure()
    {
        await using var server = new SingleSlotHttpServer(TimeSpan.FromMilliseconds(1));
        string json = Path.GetTempFileName();
        var (code, stdout, _) = await CliTests.RunAsync("ab", "-n", "20", "-c", "2", "--threshold", "p99<10s", "--threshold", "errors<1%",
            "--threshold", "rps>=1", "--json", json, server.Url("/"));
        Assert.Equal(0, code);
        Assert.Contains("Thresholds:   3 of 3 pass", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var t = doc.RootElement.GetProperty("thresholds");
        Assert.Equal(3, t.GetArrayLength());
        Assert.All(t.EnumerateArray(), e => Assert.True(e.GetProperty("pass").GetBoolean()));
        Assert.Equal("error_rate", t[1].GetProperty("metric").GetString());
        Assert.Equal(0, t[1].GetProperty("measured").GetDouble());
    }

    [Fact]
    public async Task Main_ThresholdFailed_ExitCode99AndStderrNamesIt()
    {
        await using var server = new SingleSlotHttpServer(TimeSpan.FromMilliseconds(1));
        string json = Path.GetTempFileName();
        string html = Path.GetTempFileName();
        var (code, stdout, stderr) = await CliTests.RunAsync("rate", "--rps", "20", "--duration", "1", "--threshold", "p99<10s",
            "--threshold", "errors<1%", "--json", json, "--html", html, server.Url("/half-fail"));
        Assert.Equal(99, code);
        Assert.Contains("FAIL  errors<1%", stdout);
        Assert.Contains("1 of 2 thresholds failed: errors<1% (measured ", stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var errors = doc.RootElement.GetProperty("thresholds")[1];
        Assert.False(errors.GetProperty("pass").GetBoolean());
        Assert.InRange(errors.GetProperty("measured").GetDouble(), 45, 55); // every second request
        string page = File.ReadAllText(html);
        Assert.Contains("<h2>Thresholds</h2>", page);
        Assert.Contains("<code>errors&lt;1%</code></td><td>error_rate</td>", page);
        Assert.Contains("class=\"worse\">FAIL", page);
        SelfContainedPage.AssertSelfContained(page);

    }

    [Fact]
    public async Task Main_TcpTargetThresholdFailed_ExitCode99()
    {
        await using var server = new SingleSlotHttpServer(TimeSpan.FromMilliseconds(5));
        var (code, _, stderr) = await CliTests.RunAsync("threads", "-t", "1", "-l", "5", "--threshold", "max<1ms", "-q",
            $"tcp://127.0.0.1:{server.Port}");
        Assert.Equal(99, code);
        Assert.Contains("max<1ms", stderr);
    }

    [Fact]
    public async Task Main_NothingCompletedWithThreshold_ExitCode1NotThreshold()
    {
        int port = ClosedPort();
        var (code, _, _) = await CliTests.RunAsync("ab", "-n", "3", "--threshold", "errors<1%", "-q", $"http://127.0.0.1:{port}/");
        Assert.Equal(1, code);
    }

    [Fact]
    public async Task Main_AbortOnFailMaxExceeded_StopsEarlyWithCompleteRecord()
    {
        // Users back to back on a 20 ms slot for 30 s: the first second's max breaks max<5ms for good.
        await using var server = new SingleSlotHttpServer(TimeSpan.FromMilliseconds(20));
        string json = Path.GetTempFileName();
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = await CliTests.RunAsync("users", "-u", "3", "-d", "30", "--threshold", "max<5ms", "--threshold", "rps>=1",
            "--abort-on-fail", "--json", json, server.Url("/"));
        Assert.Equal(99, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("stopped the run", stdout);
        Assert.Contains("run stopped early by max<5ms", stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        var counts = root.GetProperty("counts");
        Assert.True(counts.GetProperty("addsUp").GetBoolean());
        Assert.Equal(counts.GetProperty("started").GetInt64(),
            counts.GetProperty("completed").GetInt64() + counts.GetProperty("non2xx").GetInt64() + counts.GetProperty("failed").GetInt64());
        Assert.True(root.GetProperty("interrupted").GetBoolean());
        Assert.True(root.GetProperty("durationSeconds").GetDouble() < 5);
        var t = root.GetProperty("thresholds");
        Assert.True(t[0].GetProperty("abortedRun").GetBoolean());
        Assert.False(t[0].GetProperty("pass").GetBoolean());
        Assert.False(t[1].GetProperty("abortedRun").GetBoolean());
    }

    [Fact]
    public async Task Main_AbortOnFailErrorRate_StopsWithinTheWindow()
    {
        await using var server = new SingleSlotHttpServer(TimeSpan.FromMilliseconds(1));
        string json = Path.GetTempFileName();
        var (code, _, _) = await CliTests.RunAsync("rate", "--rps", "50", "--duration", "20", "--threshold", "errors<1%",
            "--abort-on-fail", "-q", "--json", json, server.Url("/half-fail"));
        Assert.Equal(99, code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.True(root.GetProperty("durationSeconds").GetDouble() < 5);
        Assert.True(root.GetProperty("counts").GetProperty("addsUp").GetBoolean());
        Assert.True(root.GetProperty("thresholds")[0].GetProperty("abortedRun").GetBoolean());
    }

    private static int ClosedPort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
