using Testbed.Suite.Launch;
using Testbed.Suite.Loads;

namespace Testbed.Suite.Pipeline;

/// <summary>A load's processes once they ended: how each ended, the measured roles' counters right after, and the load's wall time.</summary>
internal sealed record LaunchedLoad(IReadOnlyList<LoadOutcome> Outcomes, Dictionary<string, RoleSnapshot> After, double WallMs);
