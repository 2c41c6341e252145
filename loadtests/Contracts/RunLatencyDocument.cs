using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>The record's <c>latency</c>: one summary per phase of a request.</summary>
internal sealed record RunLatencyDocument
{
    [JsonRequired]
    public LatencyDocument Total { get; init; } = new();

    public LatencyDocument? Connect { get; init; }

    public LatencyDocument? Waiting { get; init; }

    /// <summary>Missing from the oldest records.</summary>
    public LatencyDocument? Processing { get; init; }

    /// <summary>Corrected for coordinated omission (from each request's intended send time); only the open model (rate) has it, null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public LatencyDocument? Corrected { get; init; }
}
