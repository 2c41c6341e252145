namespace Testbed.Suite.Experiments;

/// <summary>A path on a role.</summary>
internal sealed record EndpointRef
{
    public required string Role { get; init; }

    public string Path { get; init; } = "/";
}
