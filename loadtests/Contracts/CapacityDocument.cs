using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>
/// The run record's "capacity" object (profile "capacity" only): the SLO searched for, the
/// bracket found, why the search stopped ("resolution", "max-duration", "max-rate", "min-rate" or
/// "interrupted"), how long it took, every probe in the order it ran, and the
/// <see cref="Answer"/>: the highest rate that met the SLO (the bracket's low end; null, written
/// as null, if none did). <see cref="SearchCompleted"/>: the requests completed over the whole
/// search, warm-ups included (what a server measured across the search served; missing from
/// records before it was added).
/// </summary>
internal sealed record CapacityDocument(
    string Slo, CapacityBracketDocument Bracket, string Stop, double SearchSeconds, IReadOnlyList<CapacityProbeDocument> Probes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Answer,
    long? SearchCompleted = null);
