using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>
/// How the started requests ended (the record's <c>counts</c>). <see cref="Dropped"/> counts requests
/// never sent (the open model's max-in-flight cap) and is not part of <see cref="Started"/>.
/// </summary>
internal sealed record RunCountsDocument
{
    [JsonRequired]
    public long Started { get; init; }

    [JsonRequired]
    public long Completed { get; init; }

    [JsonRequired]
    public long Non2xx { get; init; }

    [JsonRequired]
    public long Failed { get; init; }

    public long Dropped { get; init; }

    /// <summary>Failed requests per failure kind (connectRefused, connectTimeout, receive, ...).</summary>
    public IReadOnlyDictionary<string, long> FailedByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>started == completed + non2xx + failed.</summary>
    public bool AddsUp { get; init; }

    /// <summary>Responses after which the connection stayed open; missing from the oldest records.</summary>
    public long KeepAliveRequests { get; init; }
}
