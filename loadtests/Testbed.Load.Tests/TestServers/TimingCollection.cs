namespace Testbed.Load.Tests.TestServers;

/// <summary>
/// Tests whose assertions involve wall-clock time run one at a time, never beside the rest of the
/// suite, so that they measure the code under test and not the other tests (the machine is shared).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
