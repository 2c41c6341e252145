namespace Testbed.Load.Engine;

/// <summary>
/// One timer for all clients instead of a timer (and its allocation) per request: every 20 ms it
/// looks at each client's deadline and closes the socket of any that passed it, which ends the
/// pending receive; the client then reports a timeout. Also aborts every client at once on Ctrl-C
/// or at the hard stop.
/// </summary>
internal sealed class TimeoutWatchdog : IDisposable
{
    private readonly TimeProvider _time;
    private readonly List<LoadClient> _clients = [];
    private readonly ITimer _timer;
    private LoadClient[] _snapshot = [];
    private bool _dirty;

    public TimeoutWatchdog(TimeProvider time, TimeSpan period)
    {
        _time = time;
        _timer = time.CreateTimer(_ => Check(), null, period, period);
    }

    public void Register(LoadClient client)
    {
        lock (_clients) { _clients.Add(client); _dirty = true; }
    }

    public void Unregister(LoadClient client)
    {
        lock (_clients) { _clients.Remove(client); _dirty = true; }
    }

    public void AbortAll()
    {
        foreach (var c in Snapshot()) c.Abort();
    }

    private LoadClient[] Snapshot()
    {
        lock (_clients)
        {
            if (_dirty) { _snapshot = [.. _clients]; _dirty = false; }
            return _snapshot;
        }
    }

    private void Check()
    {
        long now = _time.GetTimestamp();
        foreach (var c in Snapshot()) c.CheckDeadline(now);
    }

    public void Dispose() => _timer.Dispose();
}
