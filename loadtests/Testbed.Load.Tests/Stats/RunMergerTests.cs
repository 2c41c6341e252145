using System.Text.Json;
using Testbed.Load.Reporting;
using Testbed.Load.Stats;

namespace Testbed.Load.Tests.Stats;

/// <summary>
/// Records written as generators write them, read back from files and merged: exact histograms, added
/// counts, series on one wall-clock axis, and refusals of records that are not one load.
/// </summary>
public sealed class RunMergerTests : IDisposable
{
    private const long Frequency = 1_000_000;
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, 200, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("testbed-merge-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A generator's record of <paramref name="totals"/> (µs), responses spread over its seconds.</summary>
    private string Write(string name, IReadOnlyList<long> totals, DateTimeOffset startedAt, string segment,
        string profile = "users", string target = "http://127.0.0.1:8080/", int users = 10, int failures = 0)
    {
        var agg = new RunAggregator(0, Frequency, trackCorrected: false);
        for (int i = 0; i < totals.Count; i++)
        {
            long end = 1 + i * 2_500_000L / totals.Count; // 2.5 s of responses
            agg.Add(new RequestResult(RequestOutcome.Completed, FailureKind.None, end, 50, totals[i] / 2, totals[i], -1, 100, 5, true,
                i % 2 == 0 ? "a" : "b"));
        }
        for (int i = 0; i < failures; i++)
            agg.Add(new RequestResult(RequestOutcome.Failed, FailureKind.ConnectRefused, 10 + i, 0, 0, 0, -1, 0, 0, false, null));
        var stats = agg.Close(totals.Count + failures, 0, 2_600_000);
        var parameters = new List<KeyValuePair<string, object?>>
        {
            new("users", users), new("durationSeconds", 2.5), new("segment", segment), new("segmentUsers", 5),
        };
        var run = new RunRecordDocument
        {
            Profile = profile, Target = target, CommandLine = "testbed-load users", Parameters = parameters, Seed = 7, StartedAt = startedAt,
            Observed = new ObservedDocument { ServerSoftware = "Kestrel", DocumentLength = 5 },
            Generators = [new GeneratorDocument { Segment = segment, Host = "host-" + segment[0], Pid = 100 + segment[0] }],
        };
        var record = RunRecord.Create(run, stats, 2.6) with
        {
            Host = "127.0.0.1", Port = 8080, Path = "/", VariableLength = true, KeepAlive = true, Concurrency = 5,
        };
        string path = Path.Combine(_dir, name);
        using (var file = File.Create(path)) JsonReportWriter.Write(file, record);
        return path;
    }

    private static long[] Samples(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (long)Math.Exp(random.NextDouble() * Math.Log(5_000_000))).ToArray();
    }

    private static RunRecord Merge(params string[] paths) =>
        RunMerger.Merge(paths.Select(RunRecordReader.Read).ToList(), "testbed-load merge");

    [Fact]
    public void Merge_TwoSegments_HistogramEqualsOneHistogramOfAllSamples()
    {
        long[] a = Samples(1, 3000), b = Samples(2, 1700);
        var merged = Merge(Write("1.json", a, T0, "1/2"), Write("2.json", b, T0.AddSeconds(0.3), "2/2"));

        var expected = new LatencyHistogram();
        foreach (long v in a.Concat(b)) expected.Record(v);
        HdrAssert.Equal(expected.Hdr, merged.Statistics.Total.Hdr);
        Assert.Equal(expected.MinMicros, merged.Statistics.Total.MinMicros);
        Assert.Equal(expected.MaxMicros, merged.Statistics.Total.MaxMicros);
        foreach (double p in new[] { 50, 90, 99, 99.9 })
            Assert.Equal(expected.ValueAtPercentile(p), merged.Statistics.Total.ValueAtPercentile(p));
        // Records keep mean and deviation to the microsecond (3 decimals of ms), so the merged ones are that close.
        Assert.Equal(expected.MeanMicros, merged.Statistics.Total.MeanMicros, 0.5);
        Assert.Equal(expected.StdDevMicros, merged.Statistics.Total.StdDevMicros, 1.0);
    }

    [Fact]
    public void Merge_ThreeSegments_CountsBytesAndServedByAddAndGeneratorsListed()
    {
        string p1 = Write("1.json", Samples(1, 100), T0, "1/3", failures: 2);
        string p2 = Write("2.json", Samples(2, 50), T0, "2/3");
        string p3 = Write("3.json", Samples(3, 31), T0, "3/3", failures: 1);
        var merged = Merge(p1, p2, p3);
        var c = merged.Statistics.Counts;
        Assert.Equal((184L, 181L, 3L), (c.Started, c.Completed, c.Failed));
        Assert.Equal(3, c.FailedOf(FailureKinds.ConnectRefused));
        Assert.True(c.AddsUp);
        Assert.Equal(181 * 100, merged.Statistics.TotalBytes);
        Assert.Equal(181, merged.Statistics.ServedBy["a"] + merged.Statistics.ServedBy["b"]);
        Assert.Equal(new[] { "1/3", "2/3", "3/3" }, merged.Generators!.Select(g => g.Segment));
        Assert.Equal(new[] { p1, p2, p3 }, merged.Generators!.Select(g => g.File));
        Assert.Equal(new[] { "host-1", "host-2", "host-3" }, merged.Generators!.Select(g => g.Host));
        Assert.Equal("1/1", merged.Parameters.Single(p => p.Key == "segment").Value);
        Assert.DoesNotContain(merged.Parameters, p => p.Key == "segmentUsers");
        Assert.Equal(10L, merged.Parameters.Single(p => p.Key == "users").Value);
    }

    [Fact]
    public void Merge_StartsOffsetByWholeAndPartSeconds_RowsLandOnWallClockSeconds()
    {
        // Generator 1 starts at :05.200, generator 2 at :07.000 (1.8 s later), generator 3 at :05.900.
        var merged = Merge(Write("1.json", Samples(1, 30), T0, "1/3"), Write("2.json", Samples(2, 60), T0.AddSeconds(1.8), "2/3"),
            Write("3.json", Samples(3, 90), T0.AddSeconds(0.7), "3/3"));
        var series = merged.Statistics.TimeSeries;
        // Each generator has rows 1..3 (10, 10, 10 / 20, 20, 20 / 30, 30, 30 per second at 12 per 1.0 s, the 0.5 s tail).
        // Their middles: gen 1 at .7, 1.7, 2.7; gen 2 at 2.5, 3.5, 4.5; gen 3 at 1.4, 2.4, 3.4 seconds after :05.
        var g1 = RunRecordReader.Read(Path.Combine(_dir, "1.json")).Statistics.TimeSeries;
        var g2 = RunRecordReader.Read(Path.Combine(_dir, "2.json")).Statistics.TimeSeries;
        var g3 = RunRecordReader.Read(Path.Combine(_dir, "3.json")).Statistics.TimeSeries;
        Assert.Equal([1, 2, 3, 4, 5], series.Select(p => p.Second));
        Assert.Equal(g1[0].Completed, series[0].Completed);
        Assert.Equal(g1[1].Completed + g3[0].Completed, series[1].Completed);
        Assert.Equal(g1[2].Completed + g2[0].Completed + g3[1].Completed, series[2].Completed);
        Assert.Equal(g2[1].Completed + g3[2].Completed, series[3].Completed);
        Assert.Equal(g2[2].Completed, series[4].Completed);
        Assert.Equal(180, series.Sum(p => p.Completed));
        Assert.Equal(T0, merged.StartedAt);
        Assert.Equal(1.8 + 2.6, merged.DurationSeconds, 6);
    }

    [Fact]
    public void Merge_RoundTripThroughJson_OneRecordReadsBackAsWritten()
    {
        string path = Write("1.json", Samples(4, 500), T0, "1/1");
        var merged = Merge(path);
        string again = Path.Combine(_dir, "merged.json");
        using (var file = File.Create(again)) JsonReportWriter.Write(file, merged);
        using var before = JsonDocument.Parse(File.ReadAllText(path));
        using var after = JsonDocument.Parse(File.ReadAllText(again));
        foreach (string s in new[] { "total", "connect", "waiting", "processing" })
        {
            Assert.Equal(before.RootElement.GetProperty("latency").GetProperty(s).GetRawText(),
                after.RootElement.GetProperty("latency").GetProperty(s).GetRawText());
        }
        Assert.Equal(before.RootElement.GetProperty("counts").GetRawText(), after.RootElement.GetProperty("counts").GetRawText());
    }

    [Fact]
    public void Merge_DifferentProfilesTargetsPlansOrSegments_RefusedSayingWhy()
    {
        string ok = Write("1.json", Samples(1, 10), T0, "1/2");
        string Refusal(string other) => Assert.Throws<InvalidDataException>(() => Merge(ok, other)).Message;
        Assert.Contains("different profiles", Refusal(Write("p.json", Samples(2, 10), T0, "2/2", profile: "rate")));
        Assert.Contains("different targets", Refusal(Write("t.json", Samples(2, 10), T0, "2/2", target: "http://127.0.0.1:9/")));
        Assert.Contains("different load plans: users 10 vs 12", Refusal(Write("u.json", Samples(2, 10), T0, "2/2", users: 12)));
        Assert.Contains("segment 1/2 appears 2 times", Refusal(Write("d.json", Samples(2, 10), T0, "1/2")));
        Assert.Contains("different splits", Refusal(Write("s.json", Samples(2, 10), T0, "2/3")));
        Assert.Contains("missing from the split into 2: 2/2", Assert.Throws<InvalidDataException>(() => Merge(ok)).Message);
    }

    [Fact]
    public void Read_NotARunRecord_RefusedSayingWhy()
    {
        string notJson = Path.Combine(_dir, "x.json");
        File.WriteAllText(notJson, "hello");
        Assert.Contains("not JSON", Assert.Throws<InvalidDataException>(() => RunRecordReader.Read(notJson)).Message);
        string other = Path.Combine(_dir, "y.json");
        File.WriteAllText(other, "{\"schema\":\"testbed-suite/report@1\"}");
        Assert.Contains("not a run record", Assert.Throws<InvalidDataException>(() => RunRecordReader.Read(other)).Message);
        string cut = Path.Combine(_dir, "z.json");
        File.WriteAllText(cut, "{\"schema\":\"testbed-load/run@1\",\"profile\":\"ab\"}");
        Assert.Contains("not a whole run record", Assert.Throws<InvalidDataException>(() => RunRecordReader.Read(cut)).Message);
    }
}
