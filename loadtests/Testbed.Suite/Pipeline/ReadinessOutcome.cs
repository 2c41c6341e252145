namespace Testbed.Suite.Pipeline;

/// <summary>Whether every balancer saw all its backends healthy in time; the reason when not.</summary>
internal sealed record ReadinessOutcome(string? Failure)
{
    public static readonly ReadinessOutcome Ready = new((string?)null);
}
