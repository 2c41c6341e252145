namespace Testbed.Contracts;

/// <summary>One warning of a <see cref="DiagnosisDocument"/>: its kind (see <see cref="DiagnosisKinds"/>) and one line with the figures.</summary>
internal sealed record DiagnosisWarningDocument
{
    public string Kind { get; init; } = "";

    public string Text { get; init; } = "";
}
