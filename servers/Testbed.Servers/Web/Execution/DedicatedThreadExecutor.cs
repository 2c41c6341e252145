using System.Collections.Concurrent;

namespace Testbed.Servers.Web.Execution;

/// <summary>
/// Modes <c>single</c> and <c>threaded</c>: a fixed set of dedicated threads takes requests from one
/// FIFO queue and runs each handler to completion, blocking its thread meanwhile. The cap is the
/// thread count, exact from the first request and independent of thread-pool growth (the pool adds
/// threads slowly, and a semaphore in front of blocking pool threads would let the pool, not the
/// mode, decide how many run). Waiting requests are never rejected.
/// </summary>
internal sealed class DedicatedThreadExecutor : IRequestExecutor, IDisposable
{
    private readonly BlockingCollection<WorkItem> _queue = new(new ConcurrentQueue<WorkItem>());
    private readonly ServerStats _stats;
    private readonly CancellationToken _stopping;

    public DedicatedThreadExecutor(int threads, ServerStats stats, CancellationToken stopping)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _stats = stats;
        _stopping = stopping;
        for (var i = 0; i < threads; i++)
        {
            // Background: a handler still blocked at exit must not keep the process alive.
            new Thread(RunLoop) { IsBackground = true, Name = $"handler-{i}" }.Start();
        }
    }

    public Task ExecuteAsync(HttpContext context, RequestDelegate next)
    {
        var item = new WorkItem(context, next);
        _stats.Enqueued();
        try
        {
            _queue.Add(item);
        }
        catch (InvalidOperationException)
        {
            // Adding completed: the server is shutting down.
            _stats.Dequeued();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        return item.Task;
    }

    public void Dispose() => _queue.CompleteAdding();

    private void RunLoop()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            _stats.Dequeued();
            if (item.Context.RequestAborted.IsCancellationRequested)
            {
                // Nobody is left to answer; a real backlog would fail the write, we skip the work.
                _stats.DroppedBeforeStart();
                item.TrySetResult();
                continue;
            }

            if (_stopping.IsCancellationRequested)
            {
                item.Context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                item.TrySetResult();
                continue;
            }

            _stats.Started();
            try
            {
                // Blocking on purpose: the slot stays taken until the response is complete.
                item.Next(item.Context).GetAwaiter().GetResult();
                item.TrySetResult();
            }
            catch (Exception e)
            {
                item.TrySetException(e);
            }
            finally
            {
                _stats.Finished();
            }
        }
    }

    private sealed class WorkItem(HttpContext context, RequestDelegate next)
        : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public HttpContext Context { get; } = context;
        public RequestDelegate Next { get; } = next;
    }
}
