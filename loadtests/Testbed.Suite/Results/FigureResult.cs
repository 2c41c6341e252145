namespace Testbed.Suite.Results;

/// <summary>A row of "measured beside the source": the source's figure and ours.</summary>
internal sealed record FigureResult(string Label, string Unit, double? Reported, string? ReportedText, double? Measured);
