namespace Testbed.Load.Suite;

/// <summary>Runs one load and leaves its run JSON at the invocation's path.</summary>
internal interface ILoadDriver
{
    Task<LoadOutcome> RunAsync(LoadInvocation invocation, CancellationToken ct);
}
