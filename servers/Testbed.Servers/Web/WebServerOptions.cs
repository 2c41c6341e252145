using System.Net;
using Testbed.Servers.Data;

namespace Testbed.Servers.Web;

/// <summary>
/// Configuration of one <c>testbed-server web</c> process, resolved from flags, then TESTBED_*
/// environment variables, then defaults, and validated before anything starts.
/// </summary>
internal sealed record WebServerOptions
{
    public const int DefaultThreads = 9;
    public const int MaxThreads = 1024;
    public const int MaxWorkers = 64;
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>One of <see cref="WorkerModes"/>. Defaults to <c>threaded</c>, the blocking server most stacks start with.</summary>
    public string Mode { get; init; } = WorkerModes.Threaded;

    /// <summary>
    /// Handler threads per process in mode <c>threaded</c>. Defaults to 9, the sources' "2 × cores + 1"
    /// on their 4-core machines (E2). Ignored by the other modes (<c>single</c> is always 1).
    /// </summary>
    public int Threads { get; init; } = DefaultThreads;

    /// <summary>Server processes sharing the port. Defaults to 1 (no supervisor).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>The address to listen on. Defaults to 127.0.0.1:8080.</summary>
    public IPEndPoint Endpoint { get; init; } = new(IPAddress.Loopback, 8080);

    /// <summary>
    /// The folder of the data files (the candle file of /candle, its small extract of /parquet/*),
    /// generated there at start-up when missing. Defaults to "data" under the working directory.
    /// </summary>
    public string DataDirectory { get; init; } = CandleDataSet.DefaultDirectory;

    /// <summary>Set only in a worker started by the supervisor: its slot number (0-based).</summary>
    public int? WorkerIndex { get; init; }

    /// <summary>The number of requests that may be in progress at once, or null for no cap (async).</summary>
    public int? Cap => Mode switch
    {
        WorkerModes.Single => 1,
        WorkerModes.Threaded => Threads,
        _ => null,
    };

    /// <summary>Returns the first problem with these options, or null when they are usable.</summary>
    public string? Validate()
    {
        if (!WorkerModes.All.Contains(Mode))
        {
            return $"unknown mode '{Mode}' (expected {string.Join(", ", WorkerModes.All)})";
        }

        if (Threads is < 1 or > MaxThreads)
        {
            return $"--threads must be between 1 and {MaxThreads}, got {Threads}";
        }

        if (Workers is < 1 or > MaxWorkers)
        {
            return $"--workers must be between 1 and {MaxWorkers}, got {Workers}";
        }

        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            return "--data-dir must not be empty";
        }

        if (WorkerIndex is { } index && (index < 0 || index >= Workers))
        {
            return $"--worker-index must be between 0 and {Workers - 1}, got {index}";
        }

        return null;
    }
}
