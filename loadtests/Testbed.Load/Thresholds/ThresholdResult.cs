namespace Testbed.Load.Thresholds;

/// <summary>
/// One threshold judged against a finished run (the run record's "thresholds" entries; serialized
/// as is, camelCase). <see cref="Measured"/> is null for a latency of a run without a response (it
/// then fails). <see cref="AbortedRun"/>: this threshold broke during the run and --abort-on-fail stopped it.
/// </summary>
internal sealed record ThresholdResult(string Expression, string Metric, string Unit, double? Measured, bool Pass, bool AbortedRun = false);
