namespace Testbed.Load.Stats;

/// <summary>
/// Counts responses per distinct label (the X-Served-By header value). Distinct labels are capped so
/// that a server echoing something unique per response cannot grow memory without bound; responses
/// past the cap are counted under <see cref="OverflowKey"/>.
/// </summary>
internal sealed class ServedByTally(int maxKeys = ServedByTally.DefaultMaxKeys)
{
    /// <summary>Defaults to 1000 distinct labels.</summary>
    public const int DefaultMaxKeys = 1000;
    public const string OverflowKey = "(other)";

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string label)
    {
        if (_counts.TryGetValue(label, out var n)) { _counts[label] = n + 1; return; }
        if (_counts.Count >= maxKeys) label = OverflowKey;
        _counts[label] = _counts.GetValueOrDefault(label) + 1;
    }

    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
}
