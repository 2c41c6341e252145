namespace Testbed.Suite.Loads;

/// <summary>Runs one load and leaves its run JSON at the invocation's path; merges the records of a load split over generators.</summary>
internal interface ILoadDriver
{
    Task<LoadOutcome> RunAsync(LoadInvocation invocation, CancellationToken ct);

    /// <summary><c>testbed-load merge RECORDS… --out OUTPUT</c>: one record of the generators' segments.</summary>
    Task<LoadOutcome> MergeAsync(IReadOnlyList<string> records, string output, CancellationToken ct);
}
