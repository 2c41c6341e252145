namespace Testbed.Load.Engine;

/// <summary>A load shape: how many clients, when they start, when each sends.</summary>
internal interface ILoadProfile
{
    /// <summary>One of <see cref="ProfileNames"/>.</summary>
    string Name { get; }

    /// <summary>Stop starting requests after this long (null: the profile ends by count).</summary>
    TimeSpan? Duration { get; }

    /// <summary>When the run's stop token fires (start nothing new). Defaults to <see cref="Duration"/>.</summary>
    TimeSpan? StopAfter => Duration;

    /// <summary>The open model reports latency corrected for coordinated omission.</summary>
    bool TracksCorrectedLatency { get; }

    /// <summary>Runs until done or until <see cref="RunContext.Stop"/>; returns once every request it started has ended.</summary>
    Task RunAsync(RunContext context);
}
