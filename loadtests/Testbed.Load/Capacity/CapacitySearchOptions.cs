namespace Testbed.Load.Capacity;

/// <summary>
/// How a capacity search proceeds: the first rate, the range it may explore, how narrow the bracket
/// must get (<see cref="Resolution"/>: (high − low) / low), and its time budget.
/// <see cref="ProbeEstimate"/> is what one probe takes at least (warm-up + measured run); a probe is
/// not started unless that much of the budget is left.
/// </summary>
internal sealed record CapacitySearchOptions(
    double StartRate, double MinRate, double MaxRate, double Resolution, TimeSpan MaxDuration, TimeSpan ProbeEstimate);
