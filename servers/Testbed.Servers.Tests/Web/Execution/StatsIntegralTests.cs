using System.Diagnostics;
using System.Text.Json;
using Testbed.Servers.Tests.TestSupport;

namespace Testbed.Servers.Tests.Web.Execution;

/// <summary>
/// The /stats time integrals (busyMs, queuedMs) and the sums over workers, read from a real server
/// process under real load: a saturated slot must integrate to the elapsed time, a queue of three to
/// three times it.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class StatsIntegralTests
{
    private const int SleepMs = 20;
    private static readonly TimeSpan LoadTime = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Stats_OneSlotAtFourClients_BusyEqualsElapsedAndQueueThreeTimesIt()
    {
        using var server = ServerProcess.Start(null, "web", "--mode", "single", "--urls", "http://127.0.0.1:0");
        var (url, _) = await server.WaitForReadyAsync();

        var (before, after, inner, outer, completed) = await LoadAsync(url, clients: 4);

        Assert.Equal(1, after.GetProperty("slots").GetInt32());
        var busy = after.GetProperty("busyMs").GetDouble() - before.GetProperty("busyMs").GetDouble();
        var queued = after.GetProperty("queuedMs").GetDouble() - before.GetProperty("queuedMs").GetDouble();
        // Little's law on the slot: its integral is the sum of the service times, at least the sleeps.
        Assert.InRange(busy, completed * SleepMs, outer.TotalMilliseconds);
        // Four clients on one slot: the slot never idles while they run, three wait meanwhile.
        Assert.InRange(busy, 0.95 * inner.TotalMilliseconds, outer.TotalMilliseconds);
        Assert.InRange(queued, 2.7 * inner.TotalMilliseconds, 3 * outer.TotalMilliseconds);
        Assert.Equal(completed, after.GetProperty("served").GetInt64() - before.GetProperty("served").GetInt64());
    }

    [Fact]
    public async Task Stats_TwoWorkersOneThreadEach_AnyWorkerReportsTheSums()
    {
        using var server = ServerProcess.Start(null, "web", "--mode", "threaded", "--threads", "1", "--workers", "2", "--urls", "http://127.0.0.1:0");
        var (url, _) = await server.WaitForReadyAsync();

        var (before, after, inner, outer, completed) = await LoadAsync(url, clients: 16);

        Assert.Equal(2, after.GetProperty("slots").GetInt32());
        var busy = after.GetProperty("busyMs").GetDouble() - before.GetProperty("busyMs").GetDouble();
        // Sixteen keep-alive clients on two slots in two processes (the kernel spreads connections
        // by hash; all on one worker has odds 2^-15): both slots saturated, so the sum is twice the
        // elapsed time, which no single worker's integral can reach.
        Assert.InRange(busy, 1.9 * inner.TotalMilliseconds, 2 * outer.TotalMilliseconds);
        Assert.InRange(busy, completed * SleepMs, 2 * outer.TotalMilliseconds);
        Assert.Equal(completed, after.GetProperty("served").GetInt64() - before.GetProperty("served").GetInt64());

        // Whichever worker answers (new connection each time), the sums agree once the load is over.
        var pids = new HashSet<int>();
        for (var i = 0; i < 40 && pids.Count < 2; i++)
        {
            var reading = await ReadStatsAsync(url);
            pids.Add(reading.GetProperty("pid").GetInt32());
            // /stats is ungated, so it counts itself in neither served nor in flight.
            Assert.Equal(after.GetProperty("served").GetInt64(), reading.GetProperty("served").GetInt64());
            Assert.Equal(0, reading.GetProperty("inFlight").GetInt32());
            Assert.InRange(reading.GetProperty("busyMs").GetDouble(), after.GetProperty("busyMs").GetDouble(), after.GetProperty("busyMs").GetDouble() + 1);
        }

        Assert.Equal(2, pids.Count);
    }

    /// <summary>
    /// Reads /stats, runs <paramref name="clients"/> closed-loop clients of /sleep for about a second,
    /// waits for the last response, reads /stats again. Inner is the span during which every client
    /// was busy; outer spans the two readings.
    /// </summary>
    private static async Task<(JsonElement Before, JsonElement After, TimeSpan Inner, TimeSpan Outer, long Completed)> LoadAsync(Uri url, int clients)
    {
        var outer = Stopwatch.StartNew();
        var before = await ReadStatsAsync(url);
        long completed = 0;
        var running = Stopwatch.StartNew();
        var stopAt = LoadTime;
        var firstDone = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var sleep = new Uri(url, $"/sleep?ms={SleepMs}");
            while (running.Elapsed < stopAt)
            {
                using var response = await client.GetAsync(sleep);
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref completed);
            }

            firstDone.TrySetResult(running.Elapsed);
        })).ToArray();

        // Inner starts once the slots had time to fill (connections opened) and ends when a client stops.
        await Task.Delay(100);
        var innerStart = running.Elapsed;
        await Task.WhenAll(tasks);
        var inner = await firstDone.Task - innerStart;
        // Finished() is counted just after the response is written; let the last ones land.
        await Task.Delay(50);
        var after = await ReadStatsAsync(url);
        return (before, after, inner, outer.Elapsed, Interlocked.Read(ref completed));
    }

    private static async Task<JsonElement> ReadStatsAsync(Uri url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "/stats"));
        request.Headers.ConnectionClose = true;
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
