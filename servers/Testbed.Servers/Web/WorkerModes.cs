namespace Testbed.Servers.Web;

/// <summary>
/// The worker-mode names, used identically on the command line, in TESTBED_MODE, in the ready line
/// and in <c>/stats</c>, so that scripts and reports can compare them as plain strings.
/// </summary>
internal static class WorkerModes
{
    /// <summary>One request in progress at a time; the rest wait in arrival order (Flask without threads).</summary>
    public const string Single = "single";

    /// <summary>Blocking handlers on T dedicated threads; at most T in progress (gunicorn sync workers with --threads).</summary>
    public const string Threaded = "threaded";

    /// <summary>Non-blocking handlers on the thread pool, no cap (gunicorn with gevent, uvicorn).</summary>
    public const string Async = "async";

    public static readonly IReadOnlyList<string> All = [Single, Threaded, Async];

    /// <summary>True for the modes whose handlers block a thread of their own (single and threaded).</summary>
    public static bool IsBlocking(string mode) => mode is Single or Threaded;
}
