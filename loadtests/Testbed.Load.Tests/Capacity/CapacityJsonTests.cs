using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Testbed.Load.Capacity;
using Testbed.Load.Tests.Reporting;

namespace Testbed.Load.Tests.Capacity;

/// <summary>
/// The run record's "thresholds" and "capacity" are contract types (loadtests/Contracts): written
/// through RunRecordJson with the same bytes the hand-written writer had (explicit nulls, order),
/// and read back whole.
/// </summary>
public sealed class CapacityJsonTests
{
    // Only for comparing with readable literals: the record itself escapes '<' as the default encoder does.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static RunRecordDocument WithSearch()
    {
        IReadOnlyList<ThresholdDocument> slo = [new("p99<500ms", "p99", "ms", 123.456, true), new("mean<1ms", "mean", "ms", null, false, AbortedRun: true)];
        var result = new CapacityResult("p99<500ms,mean<1ms", new CapacityBracketDocument(50, 52.5), "resolution", 53.1,
        [
            new CapacityProbe(50, 49.4, 6.2, 250, 250, 0, 0, 21.3, 22, 30.5, 31, 31.2, slo, true, null),
            new CapacityProbe(52.5, 49.2, 6.4, 262, 262, 0, 0, 177.7, 300, 349.8, 350, 352.3, slo, false, "did not keep up"),
        ]);
        return SampleRun.Create(ProfileNames.Capacity, corrected: true).Document with { Thresholds = slo, Capacity = result.ToDocument() };
    }

    [Fact]
    public void Write_ThresholdsAndCapacity_HaveTheirFieldsInOrderWithExplicitNulls()
    {
        var root = JsonNode.Parse(RunRecordJson.Serialize(WithSearch()))!.AsObject();

        Assert.Equal(
            """[{"expression":"p99<500ms","metric":"p99","unit":"ms","measured":123.456,"pass":true,"abortedRun":false},{"expression":"mean<1ms","metric":"mean","unit":"ms","measured":null,"pass":false,"abortedRun":true}]""",
            root["thresholds"]!.ToJsonString(Readable));
        var capacity = root["capacity"]!.AsObject();
        Assert.Equal(["slo", "bracket", "stop", "searchSeconds", "probes", "answer", "searchCompleted"], capacity.Select(p => p.Key));
        // The sum of every probe's completed requests and its warm-up's (0 here: the probes were built without one).
        Assert.Equal(250 + 262, capacity["searchCompleted"]!.GetValue<long>());
        Assert.Equal(
            """{"rate":50,"achievedRps":49.4,"seconds":6.2,"started":250,"completed":250,"errors":0,"dropped":0,"p50Ms":21.3,"p90Ms":22,"p99Ms":30.5,"p999Ms":31,"maxMs":31.2,"slo":[{"expression":"p99<500ms","metric":"p99","unit":"ms","measured":123.456,"pass":true,"abortedRun":false},{"expression":"mean<1ms","metric":"mean","unit":"ms","measured":null,"pass":false,"abortedRun":true}],"pass":true,"why":null}""",
            capacity["probes"]![0]!.ToJsonString(Readable));
        Assert.Equal("""{"low":50,"high":52.5}""", capacity["bracket"]!.ToJsonString(Readable));
        Assert.Equal(50, capacity["answer"]!.GetValue<double>());
        // After observed (and generators), right before timeSeries: where the hand-written writer put them.
        var keys = root.Select(p => p.Key).ToList();
        Assert.True(keys.IndexOf("thresholds") > keys.IndexOf("observed"), string.Join(",", keys));
        Assert.Equal(keys.IndexOf("thresholds") + 1, keys.IndexOf("capacity"));
        Assert.Equal(keys.IndexOf("capacity") + 1, keys.IndexOf("timeSeries"));
    }

    [Fact]
    public void Parse_ThresholdsAndCapacity_ReadBackEqual()
    {
        var document = WithSearch();
        string written = RunRecordJson.Serialize(document);
        var read = RunRecordJson.Parse(written);
        Assert.Equal(written, RunRecordJson.Serialize(read));
        Assert.Equal(52.5, read.Capacity!.Bracket.High);
        Assert.Null(read.Capacity.Probes[0].Why);
        Assert.Null(read.Thresholds![1].Measured);
        Assert.True(read.Thresholds[1].AbortedRun);
    }

    [Fact]
    public void Write_NoBracketEnd_WritesNulls()
    {
        var document = WithSearch() with { Capacity = new CapacityDocument("p99<1ms", new CapacityBracketDocument(null, 10), "min-rate", 3, [], null) };
        var capacity = JsonNode.Parse(RunRecordJson.Serialize(document))!["capacity"]!.AsObject();
        Assert.True(capacity.ContainsKey("answer"));
        Assert.Null(capacity["answer"]);
        Assert.Equal("""{"low":null,"high":10}""", capacity["bracket"]!.ToJsonString(Readable));
    }
}
