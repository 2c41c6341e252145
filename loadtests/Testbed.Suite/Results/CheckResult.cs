namespace Testbed.Suite.Results;

/// <summary>A verification before the loads: a target answered correctly, or variants answered equivalently.</summary>
internal sealed record CheckResult(string Name, bool Passed, string Detail);
