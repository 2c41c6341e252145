namespace Testbed.Proxy.Tests.Support;

/// <summary>
/// Tests that assert on elapsed time (failover, rejoin within health intervals, 503 at once, 504 after the
/// upstream timeout) run one at a time and alone, so that other tests' load does not stretch their clocks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
