namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// The one collection for tests that measure elapsed time or start server processes and hundreds of
/// connections: they run alone, one class at a time and after the parallel tests, so that a busy
/// 2-core machine does not turn their relations into noise or starve one burst with another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
