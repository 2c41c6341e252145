using System.Text.Json;

namespace Testbed.Suite.Measurement;

/// <summary>
/// One reading of a role's own stats (the web server's /stats, the balancer's /proxy/stats, a TCP
/// server's stats port): the figures a limit is read from. Web: <c>slots</c> (0 = no cap),
/// <c>busyMs</c> and <c>queuedMs</c> (integrals over time of in-flight and queued requests),
/// <c>inFlight</c>, <c>queued</c>; balancer: <c>inFlight</c>, <c>busyMs</c> (no cap); TCP:
/// <c>busyMs</c> (open connections × time), <c>openNow</c>, <c>childSpawnMs</c>; all: the
/// process's cgroup periods and throttling under <c>process</c>. A figure the answer lacks is null.
/// </summary>
internal sealed record RoleStatsReading
{
    public int? Slots { get; init; }

    public double? BusyMs { get; init; }

    public double? QueuedMs { get; init; }

    public double? InFlight { get; init; }

    public double? Queued { get; init; }

    public double? ChildSpawnMs { get; init; }

    public long? NrPeriods { get; init; }

    public long? NrThrottled { get; init; }

    public double? ThrottledMs { get; init; }

    public double? QuotaCores { get; init; }

    /// <summary>
    /// The role's threads' run-queue wait so far, ms: CPU it wanted while its cores were busy. From
    /// the stats answer's <c>process.runQueueWaitMs</c>; for a role the suite started, read from
    /// /proc by the suite itself.
    /// </summary>
    public double? RunQueueWaitMs { get; init; }

    /// <summary>The figures of one stats answer (any of the three shapes); null when it is not a JSON object.</summary>
    public static RoleStatsReading? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var process = root.TryGetProperty("process", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        return new RoleStatsReading
        {
            Slots = Number(root, "slots") is { } slots ? (int)slots : null,
            BusyMs = Number(root, "busyMs"),
            QueuedMs = Number(root, "queuedMs"),
            InFlight = Number(root, "inFlight") ?? Number(root, "openNow"),
            Queued = Number(root, "queued"),
            ChildSpawnMs = Number(root, "childSpawnMs"),
            NrPeriods = Number(process, "nrPeriods") is { } periods ? (long)periods : null,
            NrThrottled = Number(process, "nrThrottled") is { } throttled ? (long)throttled : null,
            ThrottledMs = Number(process, "throttledMs"),
            QuotaCores = Number(process, "quotaCores"),
            RunQueueWaitMs = Number(process, "runQueueWaitMs"),
        };
    }

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
