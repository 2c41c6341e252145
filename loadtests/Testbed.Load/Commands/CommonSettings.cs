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
    Segment Segment);
