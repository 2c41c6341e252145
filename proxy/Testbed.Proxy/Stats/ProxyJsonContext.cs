using System.Text.Json.Serialization;

namespace Testbed.Proxy.Stats;

/// <summary>Source-generated serializers: no reflection on the 503 path or the stats endpoint.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(ProxyStatsSnapshot))]
[JsonSerializable(typeof(NoBackendError))]
[JsonSerializable(typeof(ProxyHealth))]
internal sealed partial class ProxyJsonContext : JsonSerializerContext;
