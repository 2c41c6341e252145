namespace Testbed.Suite.Results;

internal static class ExperimentStatuses
{
    /// <summary>Every load ran; the claims were evaluated.</summary>
    public const string Ran = "ran";

    /// <summary>A target could not start, failed verification, or a load failed: see the reason.</summary>
    public const string Failed = "failed";
}
