namespace Testbed.Load.Engine;

/// <summary>
/// The open model's schedule at a constant rate, as a pure function of elapsed time and hits sent
/// (vegeta's Pacer): hit k is due at k / rate seconds. Because it looks at the hit count, a late
/// wake-up is caught up by sending the overdue hits at once rather than drifting.
/// </summary>
internal sealed record ConstantPacer(double RequestsPerSecond)
{
    /// <summary>How long to wait before sending hit number <paramref name="hits"/> (0-based); zero when it is due.</summary>
    public TimeSpan Pace(TimeSpan elapsed, long hits)
    {
        if (RequestsPerSecond <= 0) throw new InvalidOperationException("The rate must be positive.");
        var due = IntendedOffset(hits);
        return due > elapsed ? due - elapsed : TimeSpan.Zero;
    }

    /// <summary>When hit number <paramref name="hits"/> is meant to be sent, from the start of the run.</summary>
    public TimeSpan IntendedOffset(long hits) => TimeSpan.FromTicks((long)(hits * TimeSpan.TicksPerSecond / RequestsPerSecond));

    /// <summary>How many hits a run of <paramref name="duration"/> sends: those due strictly before its end.</summary>
    public long HitsIn(TimeSpan duration) => (long)Math.Ceiling(duration.TotalSeconds * RequestsPerSecond - 1e-9);
}
