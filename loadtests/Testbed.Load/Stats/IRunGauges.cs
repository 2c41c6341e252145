namespace Testbed.Load.Stats;

/// <summary>
/// The run's live gauges, read by the aggregator when it closes a second. A tick alone is not
/// enough: its timer can fire after responses of the next second have arrived (a busy thread pool),
/// and the second would then be closed with the gauges of the second before it (0 users at first).
/// </summary>
internal interface IRunGauges
{
    int Users { get; }

    int InFlight { get; }
}
