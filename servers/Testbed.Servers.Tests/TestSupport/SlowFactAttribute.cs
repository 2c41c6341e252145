namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// A test that takes minutes on a 2-core machine; it runs only when TESTBED_SLOW_TESTS=1 and is
/// reported as skipped otherwise, so the default test run stays short.
/// </summary>
public sealed class SlowFactAttribute : FactAttribute
{
    public SlowFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("TESTBED_SLOW_TESTS") != "1")
            Skip = "slow: set TESTBED_SLOW_TESTS=1 to run";
    }
}
