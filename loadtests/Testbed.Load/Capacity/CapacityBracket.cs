namespace Testbed.Load.Capacity;

/// <summary>The highest rate that met the SLO (<see cref="Low"/>) and the lowest that did not (<see cref="High"/>); null where no probe found one.</summary>
internal sealed record CapacityBracket(double? Low, double? High);
