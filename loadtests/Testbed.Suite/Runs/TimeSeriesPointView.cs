namespace Testbed.Suite.Runs;

/// <summary>One second of a run; <see cref="Users"/> is active users or connections.</summary>
internal sealed record TimeSeriesPointView
{
    public double Second { get; init; }

    public long Completed { get; init; }

    public long Non2xx { get; init; }

    public long Failed { get; init; }

    public double Rps { get; init; }

    public double MeanMs { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    public double Users { get; init; }

    public double InFlight { get; init; }

    public long Bytes { get; init; }
}
