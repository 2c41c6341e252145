using Testbed.Load.Stats;

namespace Testbed.Load.Tests.Reporting;

/// <summary>A deterministic finished run built from synthetic results, for the report writers' golden files.</summary>
internal static class SampleRun
{
    private const long Frequency = 1_000_000;

    public static RunRecord Create(string profile = "ab", bool corrected = false)
    {
        var agg = new RunAggregator(0, Frequency, corrected);
        var random = new Random(11);
        for (int i = 0; i < 300; i++)
        {
            long end = 10_000 + i * 7_000L;
            long total = 2_000 + random.Next(0, 9_000) + (i % 50 == 0 ? 40_000 : 0);
            long connect = i < 10 ? 300 + i * 10 : 0;
            var outcome = i % 100 == 99 ? RequestOutcome.Non2xx : RequestOutcome.Completed;
            agg.Add(new RequestResult(outcome, FailureKind.None, end, connect, total - connect - 200, total,
                corrected ? total + 1_500 : -1, 250, 17, true, i % 3 == 0 ? "backend-a" : "backend-b"));
            if (i == 150) agg.Add(RequestResult.Tick(1_000_050, 10, 4));
        }
        agg.Add(new RequestResult(RequestOutcome.Failed, FailureKind.Length, 2_000_000, 0, 0, 3_000, -1, 240, 12, true, null));
        agg.Add(new RequestResult(RequestOutcome.Failed, FailureKind.ConnectRefused, 2_050_000, 0, 0, 100, -1, 0, 0, false, null));
        var stats = agg.Close(started: 302, dropped: 0, endTimestamp: 2_112_000);
        var parameters = new List<KeyValuePair<string, object?>>
        {
            new("requests", 302L), new("concurrency", 10), new("keepAlive", true), new("timeLimitSeconds", null),
        };
        var run = new RunRecordDocument
        {
            Profile = profile, Target = "http://127.0.0.1:8080/index", CommandLine = "testbed-load ab -n 302 -c 10 -k http://127.0.0.1:8080/index",
            Parameters = parameters, Seed = 123, StartedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Observed = new ObservedDocument { ServerSoftware = "Kestrel", DocumentLength = 17 },
        };
        return RunRecord.Create(run, stats, 2.112) with
        {
            Host = "127.0.0.1", Port = 8080, Path = "/index", KeepAlive = true, Concurrency = 10,
        };
    }
}
