namespace Testbed.Contracts;

/// <summary>The kinds of <see cref="DiagnosisWarningDocument"/>: the same names as the suite's limits.</summary>
internal static class DiagnosisKinds
{
    /// <summary>The generator was likely the limit: its CPU (or its busiest thread) saturated while the target showed no queueing.</summary>
    public const string Generator = "generator";

    /// <summary>An open model's intended rate was not reached, or starts were late or dropped.</summary>
    public const string Rate = "rate";
}
