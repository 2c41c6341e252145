using Testbed.Suite.Experiments;

namespace Testbed.Suite.Pipeline;

/// <summary>Options of one suite run, validated by <see cref="SuiteCommand"/>.</summary>
internal sealed record SuiteOptions
{
    /// <summary><see cref="RunModes.Quick"/> (the default) or <see cref="RunModes.Full"/>.</summary>
    public string Mode { get; init; } = RunModes.Quick;

    /// <summary>Experiment ids to run (e1, e3); empty = all.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    /// <summary>The directory this run writes into (results/&lt;timestamp&gt; by default).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary><see cref="TargetModes.Local"/> (the default) or <see cref="TargetModes.Compose"/>.</summary>
    public string Targets { get; init; } = TargetModes.Local;

    public required string ExperimentsDirectory { get; init; }

    /// <summary>Explicit testbed-server path; null = located (see ExecutableLocator).</summary>
    public string? ServerExe { get; init; }

    /// <summary>How CPU limits are applied: <see cref="Launch.CpuLimiters"/>.</summary>
    public string CpuLimiter { get; init; } = Launch.CpuLimiters.Auto;

    /// <summary>Keep the load generator off the servers' cores (<see cref="Launch.CorePlan"/>) when there are two or more.</summary>
    public bool Pin { get; init; } = true;

    /// <summary>--generators: every step's load split over this many testbed-load processes; null = as each step says (default 1).</summary>
    public int? Generators { get; init; }

    /// <summary>--dashboard: serve the live page of the step in progress on 127.0.0.1:PORT (0 = a free port); null = no page.</summary>
    public int? DashboardPort { get; init; }

    /// <summary>Explicit testbed-proxy path; null = located.</summary>
    public string? ProxyExe { get; init; }
}
