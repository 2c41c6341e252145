namespace Testbed.TestCommon;

/// <summary>
/// The one collection of every test project for tests whose assertions involve
/// wall-clock time or that start real processes and then count what is left: they run one at a
/// time, never beside the rest of the project, so that they measure the code under test and not the
/// other tests (the machine is shared).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "timing";
}
