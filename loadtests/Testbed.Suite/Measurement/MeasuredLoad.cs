
namespace Testbed.Suite.Measurement;

/// <summary>
/// One measured load of a step: the run record it is graded on (the merged one for several
/// generators), what each measured role spent under it, the figures computed from both, the
/// command that re-runs it, each generator's own cost, its raw files relative to the report, and
/// what the measured roles' own stats said over it (slots, busy and queued integrals, throttling:
/// empty where no role reports stats).
/// </summary>
internal sealed record MeasuredLoad(
    RunRecordDocument Run,
    IReadOnlyList<RoleCost> Costs,
    Dictionary<string, double> Metrics,
    string CommandLine,
    IReadOnlyList<GeneratorCost> Generators,
    IReadOnlyList<string> RawFiles,
    IReadOnlyList<RoleLoadStats> RoleStats);
