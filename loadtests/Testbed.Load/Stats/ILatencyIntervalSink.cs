namespace Testbed.Load.Stats;

/// <summary>
/// Receives each closed second's latency histogram from the aggregator, before the histogram is
/// reset for the next second (an HdrHistogram interval log). Called on the aggregator's thread.
/// </summary>
internal interface ILatencyIntervalSink
{
    /// <summary>The run's wall-clock start, once, before any interval.</summary>
    void Begin(DateTimeOffset startedAt);

    /// <param name="startSeconds">Start of the interval, seconds after the run's start.</param>
    /// <param name="lengthSeconds">Its length: 1, or less for the run's last, partial second.</param>
    /// <param name="interval">Total latencies of the responses that ended in it; read it, do not keep it.</param>
    void Write(double startSeconds, double lengthSeconds, LatencyHistogram interval);
}
