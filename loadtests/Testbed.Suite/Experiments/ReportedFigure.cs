namespace Testbed.Suite.Experiments;

/// <summary>A figure the source reported, shown beside the measured <c>Step.Metric</c> (or alone, when the source gave only a chart).</summary>
internal sealed record ReportedFigure
{
    public required string Label { get; init; }

    public string? Step { get; init; }

    public string? Metric { get; init; }

    public double? Value { get; init; }

    /// <summary>For figures that are not numbers ("errors climb after a while").</summary>
    public string? Text { get; init; }

    public string Unit { get; init; } = "";
}
