namespace Testbed.Suite.Pipeline;

/// <summary>--targets: start every role locally, or use the compose services' addresses.</summary>
internal static class TargetModes
{
    public const string Local = "local";
    public const string Compose = "compose";
}
