namespace Testbed.Load.Engine;

/// <summary>
/// The closed profiles' (users, threads) start loop: each planned start waits for its offset from the
/// loop's start, on the run's clock, then starts its worker; the loop returns when every started
/// worker has finished. Stop is checked before every start, not only by the wait: a start already
/// due needs no wait, and a wait that ends as Stop is requested may end normally, and neither must
/// start a worker on a stopped run.
/// </summary>
internal static class PlannedStartLoop
{
    public static async Task RunAsync(IEnumerable<PlannedStart> starts, TimeProvider time, CancellationToken stop, Func<PlannedStart, Task> startWorker)
    {
        var running = new List<Task>();
        long t0 = time.GetTimestamp();
        foreach (var start in starts)
        {
            var wait = start.Offset - time.GetElapsedTime(t0);
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, time, stop).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
            if (stop.IsCancellationRequested) break;
            running.Add(startWorker(start)); // runs to its first wait (the connect): no thread-pool queue to start a worker
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }
}
