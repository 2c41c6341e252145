namespace Testbed.Servers.Tests.TestSupport;

/// <summary>A theory that is skipped, with the reason, when ../shared/parquet-testing is absent.</summary>
internal sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.Root is null)
        {
            Skip = SharedData.SkipReason;
        }
    }
}
