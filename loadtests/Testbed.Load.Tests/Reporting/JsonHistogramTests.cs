using System.Text.Json;
using HdrHistogram;
using Testbed.Load.Reporting;
using Testbed.Load.Stats;
using Testbed.Load.Tests.Stats;
using Testbed.Views;

namespace Testbed.Load.Tests.Reporting;

/// <summary>The run record's encoded histograms: what a merge of run records (issue 18) relies on.</summary>
public sealed class JsonHistogramTests
{
    private const long Frequency = 1_000_000;

    /// <summary>A finished run of <paramref name="n"/> responses with latencies drawn from <paramref name="seed"/>; returns the samples too.</summary>
    private static (RunRecord Run, List<long> Totals) Run(int seed, int n, bool corrected)
    {
        var agg = new RunAggregator(0, Frequency, corrected);
        var random = new Random(seed);
        var totals = new List<long>(n);
        for (int i = 0; i < n; i++)
        {
            long total = (long)Math.Exp(random.NextDouble() * Math.Log(2_000_000)) + 50;
            long connect = random.Next(0, 40);
            totals.Add(total);
            agg.Add(new RequestResult(RequestOutcome.Completed, FailureKind.None, 1_000 + i * 100L, connect, total - connect - 10,
                total, corrected ? total + random.Next(0, 5_000) : -1, 100, 10, true, null));
        }
        var stats = agg.Close(started: n, dropped: 0, endTimestamp: 1_000 + n * 100L);
        var run = new RunRecordDocument
        {
            Profile = "rate", Target = "http://127.0.0.1:1/", CommandLine = "testbed-load rate", Seed = seed, StartedAt = DateTimeOffset.UnixEpoch,
            Observed = new ObservedDocument { DocumentLength = 10 },
        };
        var record = RunRecord.Create(run, stats, n * 100 / 1e6) with { Host = "127.0.0.1", Port = 1, Path = "/", KeepAlive = true, Concurrency = 1 };
        return (record, totals);
    }

    private static JsonElement Latency(RunRecord run)
    {
        using var stream = new MemoryStream();
        JsonReportWriter.Write(stream, run);
        using var doc = JsonDocument.Parse(stream.ToArray());
        return doc.RootElement.GetProperty("latency").Clone();
    }

    private static HistogramBase Decode(JsonElement latency, string name) =>
        HdrEncoding.FromBase64(latency.GetProperty(name).GetProperty("hdrHistogram").GetString()!);

    [Fact]
    public void Write_EveryLatencyObject_CarriesHistogramEqualToRecordedOne()
    {
        var (run, _) = Run(seed: 21, n: 5_000, corrected: true);
        var latency = Latency(run);
        var s = run.Statistics;
        foreach (var (name, recorded) in new[] { ("total", s.Total), ("connect", s.Connect), ("waiting", s.Waiting),
                     ("processing", s.Processing), ("corrected", s.Corrected!) })
        {
            var decoded = Decode(latency, name);
            HdrAssert.Equal(recorded.Hdr, decoded);
            Assert.Equal(latency.GetProperty(name).GetProperty("count").GetInt64(), decoded.TotalCount);
        }
    }

    [Fact]
    public void Write_DecodedHistogram_GivesTheRecordsPercentilesWithinItsPrecision()
    {
        var (run, _) = Run(seed: 4, n: 3_000, corrected: false);
        var total = Latency(run).GetProperty("total");
        var decoded = Decode(Latency(run), "total");
        foreach (var (field, p) in new[] { ("p50Ms", 50.0), ("p90Ms", 90.0), ("p99Ms", 99.0) })
        {
            double fromJson = total.GetProperty(field).GetDouble() * 1000;
            long top = decoded.GetValueAtPercentile(p);
            Assert.InRange(fromJson, decoded.LowestEquivalentValue(top) - 1, top + 1);
        }
    }

    [Fact]
    public void Merge_TwoRunRecordsHistograms_EqualOneHistogramOfAllSamples()
    {
        var (a, samplesA) = Run(seed: 1, n: 4_000, corrected: false);
        var (b, samplesB) = Run(seed: 2, n: 7_000, corrected: false);
        var merged = Decode(Latency(a), "total");
        merged.Add(Decode(Latency(b), "total"));

        var all = new LatencyHistogram();
        foreach (long v in samplesA.Concat(samplesB)) all.Record(v);
        HdrAssert.Equal(all.Hdr, merged);
        Assert.Equal(11_000, merged.TotalCount);
    }
}
