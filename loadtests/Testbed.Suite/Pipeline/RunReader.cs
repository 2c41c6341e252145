using System.Text.Json;
using Testbed.Suite.Loads;

namespace Testbed.Suite.Pipeline;

/// <summary>Reads a load's run records back from raw/ and merges several generators' into the one graded.</summary>
internal sealed class RunReader(ILoadDriver driver)
{
    /// <summary>
    /// testbed-load's exit code when a threshold failed, or when a capacity search found no rate that met
    /// the SLO: the record is complete and is graded ("capacity below --min-rate" is an answer).
    /// </summary>
    private const int ThresholdsFailed = 99;

    /// <summary>
    /// The run record to grade and each generator's own, or why there is none: a generator that
    /// broke or wrote nothing readable, or a merge that refused.
    /// </summary>
    public async Task<RunRead> ReadAsync(LoadLaunch launch, IReadOnlyList<LoadOutcome> outcomes, CancellationToken ct)
    {
        var invocations = launch.Invocations;
        var segments = new List<RunRecordDocument>();
        for (var i = 0; i < invocations.Count; i++)
        {
            var (invocation, outcome) = (invocations[i], outcomes[i]);
            var which = invocations.Count > 1 ? $"generator {i + 1}/{invocations.Count}" : "load";
            if (!File.Exists(invocation.JsonPath) || outcome.ExitCode is not (0 or 1 or ThresholdsFailed))
            {
                var why = outcome.TimedOut ? $"did not finish within {invocation.HardTimeout.TotalSeconds:0} s" : $"exited with code {outcome.ExitCode}";
                return new RunRead(null, segments, $"{which} {why}: {outcome.StandardError}");
            }

            var (segment, unreadable) = await ParseAsync(invocation.JsonPath, ct);
            if (segment is null)
            {
                return new RunRead(null, segments, $"unreadable run JSON {Path.GetFileName(invocation.JsonPath)} of the {which}: {unreadable}");
            }

            segments.Add(segment);
        }

        if (launch.Merge is not { } merge)
        {
            return new RunRead(segments[0], segments, null);
        }

        var merged = await driver.MergeAsync(merge.Records, merge.Output, ct);
        if (merged.ExitCode != 0 || !File.Exists(merge.Output))
        {
            return new RunRead(null, segments, $"merging the {segments.Count} generators' records failed (exit code {merged.ExitCode}): {merged.StandardError}");
        }

        var (run, error) = await ParseAsync(merge.Output, ct);
        return new RunRead(run, segments, run is null ? $"unreadable merged run JSON {Path.GetFileName(merge.Output)}: {error}" : null);
    }

    private static async Task<(RunRecordDocument? Run, string? Error)> ParseAsync(string path, CancellationToken ct)
    {
        try
        {
            return (RunRecordJson.Parse(await File.ReadAllTextAsync(path, ct)), null);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return (null, e.Message);
        }
    }
}
