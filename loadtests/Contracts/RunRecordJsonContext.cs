using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>
/// The run record's serializer, source-generated (no reflection: testbed-load runs without dynamic
/// code). Nulls are omitted, so that an optional field added later leaves older records' bytes
/// alone; the few fields that have always been written as null say so with JsonIgnoreCondition.Never.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunRecordDocument))]
internal sealed partial class RunRecordJsonContext : JsonSerializerContext;
