using System.Diagnostics;
using System.Text.Json;
using Testbed.Load.Tests.Commands;
using Testbed.Load.Tests.TestServers;
using Testbed.TestCommon;

namespace Testbed.Load.Tests.Diagnosis;

/// <summary>
/// The run record's diagnosis set up for real: the real executable against real loopback servers,
/// once with the target as the limit (a rate above what one slot can serve) and once with the
/// generator as the limit (pinned to a core that a busy loop shares).
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class DiagnosisCliTests
{
    [Fact]
    public async Task Rate_AboveWhatOneSlotServes_WarnsRateNotReachedWithFigures()
    {
        await using var server = new LoopbackHttpServer();
        string json = Path.Combine(Directory.CreateTempSubdirectory("testbed-load-").FullName, "run.json");

        // One 20 ms slot serves 50/s at most; 200/s are asked for.
        var (code, stdout, stderr) = await CliTests.RunAsync("rate", server.Url("/serial/20"), "--rps", "200", "--duration", "2",
            "--max-in-flight", "20", "--json", json);

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var d = doc.RootElement.GetProperty("diagnosis");
        Assert.Equal(200, d.GetProperty("intendedRps").GetDouble(), 3);
        Assert.InRange(d.GetProperty("achievedRps").GetDouble(), 30, 55);
        Assert.True(d.GetProperty("droppedStarts").GetInt64() > 200);
        var warning = Assert.Single(d.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "rate");
        Assert.StartsWith("rate: intended 200.00/s, achieved ", warning.GetProperty("text").GetString());
        // The target queued (latency grew): whatever the generator's CPU, it was not the limit.
        Assert.DoesNotContain(d.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("kind").GetString() == "generator");
        Assert.Contains("WARNING:      rate: intended 200.00/s", stdout);
        Assert.Contains("Rate:         intended 200.00/s", stdout);
    }

    [Fact]
    public async Task Users_ThinkTime_RecordsUsersAndTheMeanDrawn()
    {
        await using var server = new LoopbackHttpServer();
        string json = Path.Combine(Directory.CreateTempSubdirectory("testbed-load-").FullName, "run.json");

        var (code, _, stderr) = await CliTests.RunAsync("users", server.Url("/fixed"), "--users", "3", "--wait", "100-300",
            "--duration", "1.5", "--json", json, "--quiet");

        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var d = doc.RootElement.GetProperty("diagnosis");
        Assert.Equal(3, d.GetProperty("users").GetInt32());
        Assert.InRange(d.GetProperty("thinkMeanMs").GetDouble(), 100, 300);
        Assert.True(d.GetProperty("thinks").GetInt64() >= 3 * 4, "each user draws a think time after each of its requests");
        Assert.False(d.TryGetProperty("intendedRps", out _));
    }

    [Fact]
    public async Task Users_GeneratorPinnedToACoreABusyLoopShares_WarnsGeneratorWithItsShare()
    {
        // nginx on core 1, the generator and a busy loop on core 0: the generator gets half a core.
        Assert.True(NginxServer.IsInstalled, $"this test needs nginx at {NginxServer.Binary}");
        using var server = await NginxServer.StartAsync(core: 1);
        string json = Path.Combine(Directory.CreateTempSubdirectory("testbed-load-").FullName, "run.json");
        using var busy = Process.Start(new ProcessStartInfo("taskset", ["-c", "0", "sh", "-c", "while :; do :; done"]))!;
        try
        {
            var (code, _, stderr) = await RunPinnedAsync(
                "users", server.Url("/"), "--users", "8", "--wait", "0-0", "--duration", "3", "--json", json, "--quiet");

            Assert.True(code == 0, stderr);
        }
        finally
        {
            busy.Kill();
            await busy.WaitForExitAsync();
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var d = doc.RootElement.GetProperty("diagnosis");
        Assert.Equal(1, d.GetProperty("generatorCores").GetInt32());
        // Its core is shared: it runs part of the time and waits for the rest.
        Assert.True(d.GetProperty("generatorWaitSeconds").GetDouble() > 0.3, d.ToString());
        Assert.True(d.GetProperty("warnings").EnumerateArray().Any(w => w.GetProperty("kind").GetString() == "generator"), d.ToString());
        var warning = d.GetProperty("warnings").EnumerateArray().First(w => w.GetProperty("kind").GetString() == "generator");
        Assert.Contains("of its 1 usable core(s)", warning.GetProperty("text").GetString());
    }

    /// <summary>The executable under <c>taskset -c 0</c>: one usable core, which the busy loop also runs on.</summary>
    private static async Task<(int Code, string Stdout, string Stderr)> RunPinnedAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-c", "0", "dotnet", Path.Combine(AppContext.BaseDirectory, "testbed-load.dll"), .. args]) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
