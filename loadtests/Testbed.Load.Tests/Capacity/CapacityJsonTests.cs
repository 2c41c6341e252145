using System.Text.Json;
using System.Text.Json.Nodes;
using Testbed.Load.Capacity;
using Testbed.Load.Thresholds;

namespace Testbed.Load.Tests.Capacity;

/// <summary>
/// The run record's "thresholds" and "capacity" are the records themselves as System.Text.Json
/// writes them (camelCase), so that one set of contract types can take them over as they are.
/// </summary>
public sealed class CapacityJsonTests
{
    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web);

    private static JsonNode Written(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return JsonNode.Parse(stream.ToArray())!;
    }

    [Fact]
    public void WriteJson_ThresholdsAndCapacity_EqualTheRecordsSerialized()
    {
        IReadOnlyList<ThresholdResult> slo = [new("p99<500ms", "p99", "ms", 123.456, true), new("mean<1ms", "mean", "ms", null, false, AbortedRun: true)];
        var result = new CapacityResult("p99<500ms,mean<1ms", new CapacityBracket(50, 52.5), "resolution", 53.1,
        [
            new CapacityProbe(50, 49.4, 6.2, 250, 250, 0, 0, 21.3, 22, 30.5, 31, 31.2, slo, true, null),
            new CapacityProbe(52.5, 49.2, 6.4, 262, 262, 0, 0, 177.7, 300, 349.8, 350, 352.3, slo, false, "did not keep up"),
        ]);

        var thresholds = Written(w => ThresholdReport.WriteJson(w, slo))["thresholds"]!;
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(slo, Camel), thresholds), thresholds.ToJsonString());
        var capacity = Written(w => CapacityReport.WriteJson(w, result))["capacity"]!;
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(result, Camel), capacity), capacity.ToJsonString());
        Assert.Equal(50, capacity["answer"]!.GetValue<double>());
        Assert.Null(thresholds[1]!["measured"]);
    }
}
