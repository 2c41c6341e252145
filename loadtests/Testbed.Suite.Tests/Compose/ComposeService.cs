namespace Testbed.Suite.Tests.Compose;

/// <summary>One service of a compose file as Compose sees it: anchors merged, an override file applied.</summary>
internal sealed record ComposeService(
    string Name,
    string? Image,
    string? Cpus,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Profiles);
