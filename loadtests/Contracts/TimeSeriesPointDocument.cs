namespace Testbed.Contracts;

/// <summary>One second of a run: responses that ended in that second and the gauges sampled at its end (active users or connections, requests in flight).</summary>
internal sealed record TimeSeriesPointDocument
{
    public int Second { get; init; }

    public long Completed { get; init; }

    public long Non2xx { get; init; }

    public long Failed { get; init; }

    public double Rps { get; init; }

    public double MeanMs { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    public int Users { get; init; }

    public int InFlight { get; init; }

    public long Bytes { get; init; }
}
