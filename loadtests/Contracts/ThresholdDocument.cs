using System.Text.Json.Serialization;

namespace Testbed.Contracts;

/// <summary>
/// One threshold judged against a finished run: an entry of the run record's "thresholds" (and of a
/// capacity probe's "slo"). <see cref="Measured"/> is null for a latency of a run without a response
/// (it then fails) and is written as null. <see cref="AbortedRun"/>: this threshold broke during the
/// run and --abort-on-fail stopped it.
/// </summary>
internal sealed record ThresholdDocument(
    string Expression,
    string Metric,
    string Unit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Measured,
    bool Pass,
    bool AbortedRun = false);
