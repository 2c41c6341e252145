namespace Testbed.Servers.Tests.TestSupport;

/// <summary>
/// A test of the Native AOT echo child. It is skipped, with the reason, only when this machine cannot
/// build Native AOT programs (no clang or no zlib headers: `apt-get install clang zlib1g-dev`); where it
/// can, the test publishes the child itself (<see cref="AotEchoChild"/>) and a failed publish fails it.
/// </summary>
public sealed class AotToolchainFactAttribute : FactAttribute
{
    public AotToolchainFactAttribute()
    {
        if (AotEchoChild.MissingToolchain() is { } missing)
            Skip = $"Native AOT cannot be built on this machine: {missing} (apt-get install clang zlib1g-dev)";
    }
}
