using Testbed.Views;

namespace Testbed.Load.Stats;

/// <summary>
/// A finished run as testbed-load holds it: the <see cref="Document"/> it writes (the run record
/// contract, complete) beside the <see cref="Statistics"/> behind it (exact histograms, for merging
/// and the text reports) and what only the text reports need. Build one with <see cref="Create"/>,
/// which derives the document's measured fields from the statistics, so the two cannot disagree.
/// Writers read it and never touch a socket.
/// </summary>
internal sealed record RunRecord
{
    /// <summary>The run record as written and read (<see cref="RunRecordJson"/>).</summary>
    public required RunRecordDocument Document { get; init; }

    public required RunStatistics Statistics { get; init; }

    /// <summary>Start to the end of the last request, unrounded (the document holds it to the millisecond).</summary>
    public required double DurationSeconds { get; init; }

    public string Host { get; init; } = "";

    public int Port { get; init; }

    public string Path { get; init; } = "";

    /// <summary>ab's -l: the report prints "Variable" for the document length.</summary>
    public bool VariableLength { get; init; }

    public bool KeepAlive { get; init; }

    /// <summary>Connections, users, threads or max in flight: ab's "Concurrency Level".</summary>
    public int Concurrency { get; init; }

    /// <summary>Bytes of each request's body (ab's -p); 0 in a record read back from a file.</summary>
    public long RequestBodyBytes { get; init; }

    public string Profile => Document.Profile;

    public string TargetUrl => Document.Target;

    public string CommandLine => Document.CommandLine;

    public IReadOnlyList<KeyValuePair<string, object?>> Parameters => Document.Parameters;

    public int Seed => Document.Seed;

    public DateTimeOffset StartedAt => Document.StartedAt;

    public bool Interrupted => Document.Interrupted;

    public string? ServerSoftware => Document.Observed?.ServerSoftware;

    public long DocumentLength => Document.Observed?.DocumentLength ?? -1;

    /// <summary>The generator processes whose requests this record holds: one for a run, several once merged.</summary>
    public IReadOnlyList<GeneratorDocument>? Generators => Document.Generators;

    /// <summary>Completed requests per second over the whole run.</summary>
    public double Rps => DurationSeconds > 0 ? Statistics.Counts.Completed / DurationSeconds : 0;

    /// <summary>
    /// A record whose document is <paramref name="run"/> (what was run: profile, target, parameters,
    /// seed, start, observations, generators and any later field) with the measured fields (duration,
    /// counts, rps, bytes, latency, served-by, time series) taken from <paramref name="statistics"/>.
    /// </summary>
    public static RunRecord Create(RunRecordDocument run, RunStatistics statistics, double durationSeconds)
    {
        var s = statistics;
        var c = s.Counts;
        double rps = durationSeconds > 0 ? c.Completed / durationSeconds : 0;
        var document = run with
        {
            DurationSeconds = Math.Round(durationSeconds, 3),
            Counts = new RunCountsDocument
            {
                Started = c.Started, Completed = c.Completed, Non2xx = c.Non2xx, Failed = c.Failed, Dropped = c.Dropped,
                FailedByKind = c.FailedByKind, AddsUp = c.AddsUp, KeepAliveRequests = c.KeepAliveRequests,
            },
            Rps = Math.Round(rps, 3),
            Bytes = new RunBytesDocument { Total = s.TotalBytes, Body = s.BodyBytes },
            Latency = new RunLatencyDocument
            {
                Total = Summary(s.Total), Connect = Summary(s.Connect), Waiting = Summary(s.Waiting),
                Processing = Summary(s.Processing), Corrected = s.Corrected is null ? null : Summary(s.Corrected),
            },
            ServedBy = s.ServedBy,
            TimeSeries = [.. s.TimeSeries.Select(p => new TimeSeriesPointDocument
            {
                Second = p.Second, Completed = p.Completed, Non2xx = p.Non2xx, Failed = p.Failed, Rps = p.Rps,
                MeanMs = p.MeanMs, P50Ms = p.P50Ms, P95Ms = p.P95Ms, P99Ms = p.P99Ms, MaxMs = p.MaxMs,
                Users = p.Users, InFlight = p.InFlight, Bytes = p.Bytes,
            })],
        };
        return new RunRecord { Document = document, Statistics = statistics, DurationSeconds = durationSeconds };
    }

    private static LatencyDocument Summary(LatencyHistogram h)
    {
        var l = LatencySummary.From(h);
        return new LatencyDocument
        {
            Count = l.Count, MinMs = l.MinMs, MeanMs = l.MeanMs, StdevMs = l.StdevMs, MaxMs = l.MaxMs,
            P50Ms = l.P50Ms, P66Ms = l.P66Ms, P75Ms = l.P75Ms, P80Ms = l.P80Ms, P90Ms = l.P90Ms,
            P95Ms = l.P95Ms, P98Ms = l.P98Ms, P99Ms = l.P99Ms, P999Ms = l.P999Ms,
            // The counts themselves, so that run records merge exactly (the summary above does not add up).
            HdrHistogram = HdrEncoding.ToBase64(h.Hdr),
        };
    }
}
