using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>What the target said about itself (the record's <c>observed</c>).</summary>
internal sealed record ObservedDocument
{
    /// <summary>The first response's Server header; null when it sent none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ServerSoftware { get; init; }

    /// <summary>The first response's body length; -1 when none completed.</summary>
    public long DocumentLength { get; init; }
}
