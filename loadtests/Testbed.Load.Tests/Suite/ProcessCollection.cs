namespace Testbed.Load.Tests.Suite;

/// <summary>Tests that start real child processes and then check that none is left run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "suite processes";
}
