namespace Testbed.Suite.Measurement;

/// <summary>
/// What limited a step (its kept run): one <see cref="Kind"/> (<see cref="LimitKinds"/>), the role
/// it was found at (null for the generator or the load model), the figures that show it, one line
/// of evidence, and the Little's law check of the figures. When the experiment file expects a limit
/// for the step, <see cref="Expected"/> and its <see cref="Verdict"/> (worded as a claim's, with
/// <see cref="VerdictReason"/> for "not evaluated").
/// </summary>
internal sealed record StepLimit
{
    public required string Kind { get; init; }

    public string? Role { get; init; }

    public required string Evidence { get; init; }

    public IReadOnlyDictionary<string, double> Figures { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    public LittleLawCheck? LittleLaw { get; init; }

    public string? Expected { get; init; }

    public string? Verdict { get; init; }

    public string? VerdictReason { get; init; }
}
