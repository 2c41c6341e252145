namespace Testbed.Contracts;

/// <summary>
/// What the generator can tell about its own run's limits (docs/load-generator.md, "Diagnosis"):
/// its CPU while the load ran against the cores it may use, the CPU it wanted but waited for
/// (run-queue time), its busiest thread, the open model's intended and achieved rates with late and
/// dropped starts, the closed model's users and mean think time drawn, and warnings. Written by a
/// single generator; a merged record has none (the generators' own records keep theirs).
/// </summary>
internal sealed record DiagnosisDocument
{
    /// <summary>User + system CPU seconds of the generator process while the load ran (its rusage).</summary>
    public double GeneratorCpuSeconds { get; init; }

    /// <summary>Cores the generator may use: Environment.ProcessorCount (affinity mask and cgroup quota).</summary>
    public int GeneratorCores { get; init; }

    /// <summary>CPU seconds ÷ duration ÷ cores: 1 is every usable core busy all along.</summary>
    public double GeneratorShare { get; init; }

    /// <summary>Seconds the generator's threads were runnable but waiting for a core (schedstat); null where unreadable.</summary>
    public double? GeneratorWaitSeconds { get; init; }

    /// <summary>The busiest thread's (CPU + run-queue wait) ÷ duration: near 1 is a saturated event loop or aggregator.</summary>
    public double? BusiestThreadShare { get; init; }

    /// <summary>Event-loop threads of the epoll engine; null for the dotnet engine (thread pool).</summary>
    public int? IoThreads { get; init; }

    /// <summary>Latency growth: median of the per-second p50s over the run's last third of seconds ÷ its first third; null below 3 seconds.</summary>
    public double? LatencyGrowth { get; init; }

    /// <summary>Rate profile: requests started more than the late threshold (10 ms) after their planned time.</summary>
    public long? LateStarts { get; init; }

    /// <summary>Rate profile: requests never sent because max in flight was reached.</summary>
    public long? DroppedStarts { get; init; }

    /// <summary>Rate profile: this generator's planned requests per second.</summary>
    public double? IntendedRps { get; init; }

    /// <summary>Rate profile: responses (completed + non-2xx) per second over the run's duration.</summary>
    public double? AchievedRps { get; init; }

    /// <summary>Users profile: this generator's users.</summary>
    public int? Users { get; init; }

    /// <summary>Users profile: mean of the think times actually drawn, in ms (null when none was drawn).</summary>
    public double? ThinkMeanMs { get; init; }

    /// <summary>Users profile: how many think times were drawn.</summary>
    public long? Thinks { get; init; }

    /// <summary>Empty when nothing looked wrong.</summary>
    public IReadOnlyList<DiagnosisWarningDocument> Warnings { get; init; } = [];
}
