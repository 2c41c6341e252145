using System.Text;
using System.Text.Json;
using Testbed.Load.Reporting;

namespace Testbed.Load.Tests.Reporting;

public sealed class ReportWritersTests
{
    [Fact]
    public void AbReportWriter_SampleRun_MatchesGoldenFile()
    {
        var w = new StringWriter { NewLine = "\n" };
        AbReportWriter.Write(w, SampleRun.Create());
        GoldenFile.AssertMatches("ab-report.txt", w.ToString());
    }

    [Fact]
    public void SummaryReportWriter_RateRun_MatchesGoldenFileWithCorrectedRow()
    {
        var w = new StringWriter { NewLine = "\n" };
        SummaryReportWriter.Write(w, SampleRun.Create("rate", corrected: true));
        GoldenFile.AssertMatches("rate-summary.txt", w.ToString());
        Assert.Contains("corrected (CO)", w.ToString());
    }

    [Fact]
    public void CsvReportWriter_SampleRun_MatchesGoldenFile()
    {
        var w = new StringWriter { NewLine = "\n" };
        CsvReportWriter.Write(w, SampleRun.Create());
        GoldenFile.AssertMatches("timeseries.csv", w.ToString());
    }

    [Fact]
    public void JsonReportWriter_SampleRun_MatchesGoldenFileAndContract()
    {
        using var stream = new MemoryStream();
        JsonReportWriter.Write(stream, SampleRun.Create());
        string json = Encoding.UTF8.GetString(stream.ToArray());
        GoldenFile.AssertMatches("run.json", json + "\n");

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("testbed-load/run@1", root.GetProperty("schema").GetString());
        var counts = root.GetProperty("counts");
        Assert.Equal(counts.GetProperty("started").GetInt64(),
            counts.GetProperty("completed").GetInt64() + counts.GetProperty("non2xx").GetInt64() + counts.GetProperty("failed").GetInt64());
        Assert.True(counts.GetProperty("addsUp").GetBoolean());
        foreach (var kind in new[] { "connectRefused", "connectTimeout", "receive", "responseTimeout", "length", "malformed" })
            Assert.True(counts.GetProperty("failedByKind").TryGetProperty(kind, out _), kind);
        var total = root.GetProperty("latency").GetProperty("total");
        foreach (var f in new[] { "count", "minMs", "meanMs", "stdevMs", "maxMs", "p50Ms", "p66Ms", "p75Ms", "p80Ms", "p90Ms", "p95Ms", "p98Ms", "p99Ms", "p999Ms" })
            Assert.True(total.TryGetProperty(f, out _), f);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("latency").GetProperty("corrected").ValueKind);
        Assert.Equal(counts.GetProperty("completed").GetInt64() + counts.GetProperty("non2xx").GetInt64(), total.GetProperty("count").GetInt64());
        Assert.Equal(100, root.GetProperty("servedBy").GetProperty("backend-a").GetInt64());
        var second = root.GetProperty("timeSeries")[0];
        foreach (var f in new[] { "second", "completed", "non2xx", "failed", "rps", "meanMs", "p50Ms", "p95Ms", "p99Ms", "maxMs", "users", "inFlight", "bytes" })
            Assert.True(second.TryGetProperty(f, out _), f);
    }
}
