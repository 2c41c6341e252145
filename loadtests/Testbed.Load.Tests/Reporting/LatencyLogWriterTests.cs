using HdrHistogram;
using Testbed.Load.Reporting;
using Testbed.Load.Stats;
using Testbed.Load.Tests.Commands;
using Testbed.Load.Tests.Stats;
using Testbed.Load.Tests.TestServers;
using Testbed.Views;

namespace Testbed.Load.Tests.Reporting;

/// <summary>--latency-log: a real file, read back with HdrHistogram's own HistogramLogReader.</summary>
public sealed class LatencyLogWriterTests : IDisposable
{
    private const long Frequency = 1_000_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("testbed-load-hlog-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static List<HistogramBase> ReadLog(string path, out DateTime startTime)
    {
        using var stream = File.OpenRead(path);
        using var reader = new HistogramLogReader(stream);
        var intervals = reader.ReadHistograms().ToList();
        startTime = reader.GetStartTime();
        return intervals;
    }

    private static HistogramBase Sum(IEnumerable<HistogramBase> intervals)
    {
        var sum = new LongHistogram(1, LatencyHistogram.MaxTrackableMicros, LatencyHistogram.SignificantDigits);
        foreach (var h in intervals) sum.Add(h);
        return sum;
    }

    [Fact]
    public void Write_AggregatedRun_ReadsBackAsOneIntervalPerSecondSummingToTheRun()
    {
        string path = Path.Combine(_dir, "run.hlog");
        var startedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 250, TimeSpan.Zero);
        RunStatistics stats;
        using (var log = LatencyLogWriter.Create(path))
        {
            log.Begin(startedAt);
            var agg = new RunAggregator(0, Frequency, trackCorrected: false, intervals: log);
            var random = new Random(8);
            for (long at = 5_000; at < 3_500_000; at += 1_000) // 3.5 s, a response every ms
            {
                agg.Add(new RequestResult(RequestOutcome.Completed, FailureKind.None, at, 0, 100, random.Next(100, 90_000),
                    -1, 100, 10, true, null));
            }
            stats = agg.Close(started: 3_495, dropped: 0, endTimestamp: 3_500_000);
            Assert.Null(log.Error);
        }

        var intervals = ReadLog(path, out var logStart);
        Assert.Equal(startedAt.UtcDateTime, logStart, TimeSpan.FromMilliseconds(1));
        Assert.Equal(stats.TimeSeries.Count, intervals.Count);
        Assert.Equal(4, intervals.Count);
        for (int i = 0; i < intervals.Count; i++)
        {
            Assert.Null(intervals[i].Tag);
            Assert.Equal(startedAt.ToUnixTimeMilliseconds() + i * 1000L, intervals[i].StartTimeStamp);
            Assert.Equal(i < 3 ? 1000 : 500, intervals[i].EndTimeStamp - intervals[i].StartTimeStamp);
            Assert.Equal(stats.TimeSeries[i].Completed, intervals[i].TotalCount);
        }
        HdrAssert.Equal(stats.Total.Hdr, Sum(intervals));
    }

    [Fact]
    public async Task Main_LatencyLog_IntervalsReadBackAndCountTheCompletedRequests()
    {
        await using var server = new LoopbackHttpServer();
        string log = Path.Combine(_dir, "latency.hlog"), json = Path.Combine(_dir, "run.json");
        var (code, _, stderr) = await CliTests.RunAsync("users", server.Url("/fixed"), "--users", "3", "--wait", "5-10",
            "--duration", "2.5", "--seed", "5", "--json", json, "--latency-log", log, "--quiet");
        Assert.True(code == 0, stderr);

        var root = RunRecordJson.Read(json);
        long completed = root.Counts.Completed;
        Assert.True(completed > 50, $"only {completed} completed");
        Assert.Equal(0, root.Counts.Non2xx);
        var intervals = ReadLog(log, out var logStart);
        Assert.Equal(completed, intervals.Sum(h => h.TotalCount));
        Assert.Equal(root.TimeSeries.Count, intervals.Count);
        Assert.Equal(root.StartedAt.UtcDateTime, logStart, TimeSpan.FromMilliseconds(1));
        var total = HdrEncoding.FromBase64(root.Latency.Total.HdrHistogram!);
        HdrAssert.Equal(total, Sum(intervals));
    }

    [Fact]
    public async Task Main_LatencyLogDiskFull_RunCompletesWithItsJsonAndExitCode1()
    {
        // /dev/full opens, then fails every write with ENOSPC: a disk that fills up during the run.
        await using var server = new LoopbackHttpServer();
        string json = Path.Combine(_dir, "run.json");
        var (code, _, stderr) = await CliTests.RunAsync("ab", "-n", "50", "-c", "2", "--quiet", "--json", json,
            "--latency-log", "/dev/full", server.Url("/fixed"));
        Assert.Equal(1, code);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("testbed-load: --latency-log: writing '/dev/full' failed", stderr);
        Assert.Equal(50, RunRecordJson.Read(json).Counts.Completed);
    }

    [Theory]
    [InlineData("missing-dir/latency.hlog")]
    [InlineData("")] // the temporary directory itself: exists, but is not a file
    public async Task Main_LatencyLogUnwritable_ExitCode2OneLineAndNoTraffic(string relative)
    {
        await using var server = new LoopbackHttpServer();
        string path = relative.Length == 0 ? _dir : Path.Combine(_dir, relative);
        var (code, stdout, stderr) = await CliTests.RunAsync("ab", "-n", "5", "--latency-log", path, server.Url("/fixed"));
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("testbed-load: --latency-log:", stderr);
        Assert.Equal(0, server.Connections);
    }
}
