using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Testbed.Servers.Tests.TestSupport;
using Testbed.Servers.Web.Execution;
using Testbed.Servers.Web.Supervision;

namespace Testbed.Servers.Tests.Web.Supervision;

/// <summary><c>--workers N</c> with real processes: the behaviour under test is about processes and ports.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class SupervisorProcessTests
{
    [Fact]
    public async Task Run_WorkerKilled_IsReplacedWhileThePortKeepsAnswering()
    {
        using var server = ServerProcess.Start(null, "web", "--mode", "threaded", "--threads", "2", "--workers", "2", "--urls", "http://127.0.0.1:0");
        var (url, _) = await server.WaitForReadyAsync();
        var original = await CollectPidsAsync(url, wanted: 2);
        Assert.Equal(2, original.Count);
        var victim = original.First();

        using (var process = Process.GetProcessById(victim))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        // Every request after the kill must succeed: the survivor takes all new connections until
        // the replacement joins the SO_REUSEPORT group.
        var seen = new HashSet<int>();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20) && !(seen.Count == 2 && !seen.Contains(victim)))
        {
            seen.Add(await GetPidAsync(url));
        }

        Assert.DoesNotContain(victim, seen);
        Assert.Contains(original.Last(), seen);
        Assert.Equal(2, seen.Count);
        Assert.Contains($"pid {victim}", server.Stderr);
        Assert.DoesNotContain(server.DrainStdout(), line => line.StartsWith("testbed-server ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WorkersTwo_ServesFromTwoWorkerPidsAndStopsAllOnSigterm()
    {
        // One scenario rather than two tests: each supervisor start costs three process start-ups.
        using var server = ServerProcess.Start(null, "web", "--mode", "async", "--workers", "2", "--urls", "http://127.0.0.1:0");
        var (url, workerCount) = await server.WaitForReadyAsync();
        var pids = await CollectPidsAsync(url, wanted: 2);

        Assert.Equal(2, workerCount);
        Assert.Equal(2, pids.Count);
        Assert.DoesNotContain(server.Process.Id, pids);
        var workers = pids.Select(Process.GetProcessById).ToList();

        Assert.True(NativeSignals.Send(server.Process.Id, NativeSignals.SigTerm));
        var code = await server.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, code);
        foreach (var worker in workers)
        {
            await worker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            worker.Dispose();
        }

        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(url.Host, url.Port));
    }

    [Fact]
    public async Task Run_OneWorker_PrintsOneReadyLineAndStopsCleanlyOnSigterm()
    {
        using var server = ServerProcess.Start(null, "web", "--mode", "single", "--urls", "http://127.0.0.1:0");
        var (url, workers) = await server.WaitForReadyAsync();
        var pid = await GetPidAsync(url);

        Assert.Equal(1, workers);
        Assert.Equal(server.Process.Id, pid);
        Assert.True(NativeSignals.Send(server.Process.Id, NativeSignals.SigTerm));
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.Empty(server.DrainStdout());
    }

    /// <summary>New connection per request, so that SO_REUSEPORT hashing spreads them over the workers.</summary>
    private static async Task<HashSet<int>> CollectPidsAsync(Uri url, int wanted)
    {
        var pids = new HashSet<int>();
        for (var i = 0; i < 200 && pids.Count < wanted; i++)
        {
            pids.Add(await GetPidAsync(url));
        }

        return pids;
    }

    private static async Task<int> GetPidAsync(Uri url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/index"));
        request.Headers.ConnectionClose = true;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var servedBy = response.Headers.GetValues(ServedByMiddleware.HeaderName).Single();
        return int.Parse(servedBy[(servedBy.LastIndexOf('/') + 1)..]);
    }
}
