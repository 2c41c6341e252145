using System.Text.Json;
using System.Threading.Channels;
using Testbed.Load.Stats;

namespace Testbed.Load.Dashboard;

/// <summary>
/// The dashboard's state between the run and the browsers: the run's description, one JSON line per
/// second (kept, so that a page opened late draws the whole run), and at the end the summary and
/// the HTML report. <see cref="Publish"/> is called by the aggregator once a second; it serializes
/// once and hands the line to each open page's bounded queue, so a slow browser never holds up the
/// aggregator (the oldest lines are dropped for it instead) and no socket work happens on its thread.
/// </summary>
internal sealed class DashboardHub
{
    /// <summary>One hour of seconds: a longer run keeps its latest hour.</summary>
    private const int MaxHistory = 3600;

    private readonly object _gate = new();
    private readonly List<string> _history = [];
    private readonly List<Channel<string>> _subscribers = [];
    private string? _final;

    public DashboardHub(string infoJson)
    {
        InfoJson = infoJson;
        // The first serialization of a type builds its metadata (tens of ms of CPU): pay it before
        // the load starts, not in the run's first second.
        _ = Line(new ProgressSnapshot(0, 0, 0, 0, 0, 0, 0));
    }

    /// <summary>Profile, target, command line and parameters, as JSON.</summary>
    public string InfoJson { get; }

    /// <summary>The finished run's HTML report, once the run has ended.</summary>
    public string? ReportHtml { get; private set; }

    public void Publish(ProgressSnapshot p) => Broadcast(Line(p), keep: true);

    private static string Line(ProgressSnapshot p) =>
        JsonSerializer.Serialize(new
        {
            second = p.Second, elapsed = Math.Round(p.ElapsedSeconds, 3), rps = p.CurrentRps, p50 = p.P50Ms, p95 = p.P95Ms, p99 = p.P99Ms,
            users = p.Users, inFlight = p.InFlight, errorsPerSecond = p.ErrorsLastSecond,
            completed = p.Completed, failed = p.Failed, non2xx = p.Non2xx, bytes = p.Bytes,
        });

    public void Finish(string summaryJson, string reportHtml)
    {
        ReportHtml = reportHtml;
        _final = summaryJson;
        Broadcast(summaryJson, keep: false, done: true);
    }

    /// <summary>Everything so far (history, and the end if reached) and a queue of what comes next.</summary>
    public (IReadOnlyList<string> History, string? Final, ChannelReader<string> Next, Action Unsubscribe) Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            if (_final is null) _subscribers.Add(channel);
            else channel.Writer.TryComplete();
            return ([.. _history], _final, channel.Reader, () => { lock (_gate) _subscribers.Remove(channel); });
        }
    }

    public (IReadOnlyList<string> History, string? Final) State()
    {
        lock (_gate) return ([.. _history], _final);
    }

    private void Broadcast(string line, bool keep, bool done = false)
    {
        lock (_gate)
        {
            if (keep)
            {
                if (_history.Count == MaxHistory) _history.RemoveAt(0);
                _history.Add(line);
            }
            foreach (var s in _subscribers)
            {
                s.Writer.TryWrite(done ? "done:" + line : line);
                if (done) s.Writer.TryComplete();
            }
            if (done) _subscribers.Clear();
        }
    }
}
