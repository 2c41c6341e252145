using Testbed.Load.Engine;

namespace Testbed.Load.Commands;

/// <summary>The validated common options of one run.</summary>
internal sealed record CommonSettings(
    RunSetup Setup,
    string? JsonPath,
    string? CsvPath,
    string? HtmlPath,
    int? DashboardPort,
    string? LatencyLogPath,
    bool Quiet,
    string CommandLine,
    long RequestBodyBytes,
    Segment Segment)
{
    /// <summary>--threshold, parsed (empty: none).</summary>
    public IReadOnlyList<Thresholds.ThresholdExpression> Thresholds { get; init; } = [];

    /// <summary>--abort-on-fail: stop the run once a threshold has broken for good.</summary>
    public bool AbortOnFail { get; init; }
}
