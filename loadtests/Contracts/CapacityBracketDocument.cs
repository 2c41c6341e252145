using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>The highest rate that met the SLO (<see cref="Low"/>) and the lowest that did not (<see cref="High"/>); null (written as null) where no probe found one.</summary>
internal sealed record CapacityBracketDocument(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Low,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? High);
