namespace Testbed.Suite.Experiments;

/// <summary>
/// A correctness check run before any load: GET <see cref="Path"/> on a role (or, for a TCP role,
/// send a small request) and expect <see cref="Status"/> and a body containing <see cref="Contains"/>.
/// </summary>
internal sealed record VerifySpec
{
    public required string Role { get; init; }

    public string Path { get; init; } = "/";

    public int Status { get; init; } = 200;

    public string? Contains { get; init; }
}
