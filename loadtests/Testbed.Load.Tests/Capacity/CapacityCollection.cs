namespace Testbed.Load.Tests.Capacity;

/// <summary>Tests that measure a server's capacity run alone, not beside the other test classes (which take the CPU they measure with).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CapacityCollection
{
    public const string Name = "capacity (runs alone)";
}
