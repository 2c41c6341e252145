using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Testbed.Load.Tests.Reporting;
using Xunit;

namespace Testbed.Load.Tests.Contracts;

/// <summary>
/// The run record's documented schema (docs/load-generator.md, "The run record") and the contract
/// types (loadtests/Contracts) must say the same: same properties, same order, same schema name and
/// profile names. A field added to a type but not to the page, or the other way round, fails here.
/// </summary>
public sealed partial class RunRecordContractTests
{
    [Fact]
    public void DocumentedSchema_EveryObject_HasTheContractTypesPropertiesInOrder()
    {
        string block = DocumentedBlock();
        using var documented = JsonDocument.Parse(AsJson(block), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = documented.RootElement;

        AssertSameProperties(root, typeof(RunRecordDocument));
        AssertSameProperties(root.GetProperty("counts"), typeof(RunCountsDocument));
        AssertSameProperties(root.GetProperty("bytes"), typeof(RunBytesDocument));
        AssertSameProperties(root.GetProperty("latency"), typeof(RunLatencyDocument));
        AssertSameProperties(root.GetProperty("observed"), typeof(ObservedDocument));
        AssertSameProperties(root.GetProperty("generators")[0], typeof(GeneratorDocument));
        AssertSameProperties(root.GetProperty("thresholds")[0], typeof(ThresholdDocument));
        AssertSameProperties(root.GetProperty("capacity"), typeof(CapacityDocument));
        AssertSameProperties(root.GetProperty("capacity").GetProperty("bracket"), typeof(CapacityBracketDocument));
        AssertSameProperties(root.GetProperty("capacity").GetProperty("probes")[0], typeof(CapacityProbeDocument));
        AssertSameProperties(root.GetProperty("timeSeries")[0], typeof(TimeSeriesPointDocument));
        AssertSameProperties(root.GetProperty("diagnosis"), typeof(DiagnosisDocument));
        AssertSameProperties(root.GetProperty("diagnosis").GetProperty("warnings")[0], typeof(DiagnosisWarningDocument));
        Assert.Equal(LatencySummaryNames(block), Names(typeof(LatencyDocument)));
    }

    [Fact]
    public void DocumentedSchema_SchemaAndProfiles_AreTheContractsConstants()
    {
        string block = DocumentedBlock();
        Assert.Contains($"\"schema\": \"{RunRecordSchema.Name}\",", block);
        var profiles = ProfileLine().Match(block);
        Assert.True(profiles.Success, "no \"profile\" line in the documented schema");
        var documented = QuotedName().Matches(profiles.Groups["names"].Value).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.True(documented.SetEquals(ProfileNames.All), $"documented: {string.Join(", ", documented)}; ProfileNames: {string.Join(", ", ProfileNames.All)}");
    }

    [Fact]
    public void Contract_RequiredProperties_AreAllDocumented()
    {
        using var documented = JsonDocument.Parse(AsJson(DocumentedBlock()), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var names = documented.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        var required = Info(typeof(RunRecordDocument)).Properties.Where(p => p.IsRequired).Select(p => p.Name).ToList();
        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.Contains(name, names));
    }

    [Fact]
    public void WriteThenParse_SampleRun_RoundTripsByteForByte()
    {
        var document = SampleRun.Create(ProfileNames.Rate, corrected: true).Document;
        string written = RunRecordJson.Serialize(document);
        Assert.Equal(written, RunRecordJson.Serialize(RunRecordJson.Parse(written)));
    }

    [Fact]
    public void Write_NullOptionalFields_OmittedButAlwaysWrittenNullsKept()
    {
        var document = SampleRun.Create().Document with { Generators = null };
        using var json = JsonDocument.Parse(RunRecordJson.Serialize(document));
        Assert.False(json.RootElement.TryGetProperty("generators", out _));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("latency").GetProperty("corrected").ValueKind);
    }

    private static JsonTypeInfo Info(Type type) => RunRecordJsonContext.Default.GetTypeInfo(type) ?? throw new InvalidOperationException($"{type.Name} is not in the context");

    private static List<string> Names(Type type) => [.. Info(type).Properties.Select(p => p.Name)];

    private static void AssertSameProperties(JsonElement documented, Type type) =>
        Assert.True(documented.EnumerateObject().Select(p => p.Name).SequenceEqual(Names(type)),
            $"{type.Name}: documented {string.Join(", ", documented.EnumerateObject().Select(p => p.Name))}; serialized {string.Join(", ", Names(type))}");

    /// <summary>The jsonc block under the page's run-record heading.</summary>
    private static string DocumentedBlock()
    {
        string page = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "load-generator.md"));
        int heading = page.IndexOf("## The run record: `testbed-load/run@1`", StringComparison.Ordinal);
        Assert.True(heading >= 0, "docs/load-generator.md has no run-record heading");
        int start = page.IndexOf("```jsonc\n", heading, StringComparison.Ordinal) + "```jsonc\n".Length;
        return page[start..page.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>The documented block as JSON: alternatives ("a" | "b", S | null) keep their first, and each S (a latency summary) becomes {}.</summary>
    private static string AsJson(string block) => SummaryValue().Replace(Alternative().Replace(block, ""), ": {}");

    /// <summary>The names in the comment "each S = { count, minMs, ... hdrHistogram }", which runs over two lines' comments.</summary>
    private static List<string> LatencySummaryNames(string block)
    {
        int start = block.IndexOf("S = {", StringComparison.Ordinal) + "S = {".Length;
        string span = block[start..block.IndexOf('}', start)];
        var lines = span.Split('\n');
        string text = string.Join(",", lines.Take(1).Concat(lines.Skip(1).Select(l => l[(l.LastIndexOf("//", StringComparison.Ordinal) + 2)..])));
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Testbed.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("no Testbed.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\s*\|\s*("[^"]*"|null)""")]
    private static partial Regex Alternative();

    [GeneratedRegex(""":\s*S\b""")]
    private static partial Regex SummaryValue();

    [GeneratedRegex("""^\s*"profile":(?<names>.*)$""", RegexOptions.Multiline)]
    private static partial Regex ProfileLine();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedName();
}
