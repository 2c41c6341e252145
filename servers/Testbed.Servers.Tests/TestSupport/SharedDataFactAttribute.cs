namespace Testbed.Servers.Tests.TestSupport;

/// <summary>A fact that is skipped, with the reason, when ../shared/parquet-testing is absent (xunit 2 has no dynamic skip).</summary>
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.Root is null)
        {
            Skip = SharedData.SkipReason;
        }
    }
}
