namespace Testbed.Servers.Tests.Web;

/// <summary>
/// Tests that measure elapsed time or start processes run alone, after the parallel tests, so that
/// a busy 2-core machine does not turn their relations into noise.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
