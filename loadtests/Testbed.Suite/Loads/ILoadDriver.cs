namespace Testbed.Suite.Loads;

/// <summary>Runs one load and leaves its run JSON at the invocation's path.</summary>
internal interface ILoadDriver
{
    Task<LoadOutcome> RunAsync(LoadInvocation invocation, CancellationToken ct);
}
