using System.CommandLine;
using System.Globalization;
using Testbed.Common;
using Testbed.Servers.Data;
using Testbed.Servers.ParquetAdapter;
using Testbed.Servers.Web;
using Testbed.Servers.Web.Endpoints;
using Testbed.Servers.Web.Hosting;
using Testbed.Servers.Web.Supervision;

namespace Testbed.Servers.Commands;

/// <summary>
/// <c>testbed-server web</c>: parses flags (falling back to TESTBED_* variables, then defaults),
/// validates them, then runs one server in this process (<c>--workers 1</c>) or a supervisor of N
/// worker processes. The action is synchronous on purpose: an asynchronous System.CommandLine
/// action gets its own SIGTERM handling with a 2 s deadline, while the host and the supervisor
/// need theirs to drain requests and stop workers.
/// </summary>
internal sealed class WebCommand : Command
{
    public const string CommandName = "web";
    public const string WorkerIndexFlag = "--worker-index";

    public const string ModeVariable = "TESTBED_MODE";
    public const string ThreadsVariable = "TESTBED_THREADS";
    public const string WorkersVariable = "TESTBED_WORKERS";
    public const string UrlsVariable = "TESTBED_URLS";
    public const string DataDirVariable = "TESTBED_DATA_DIR";

    private readonly Option<string?> _mode = new("--mode", "-m")
    {
        Description = $"Worker mode: single, threaded or async. Defaults to ${ModeVariable}, else {WorkerModes.Threaded}.",
    };

    private readonly Option<int?> _threads = new("--threads", "-t")
    {
        Description = $"Handler threads per process in mode threaded (1-{WebServerOptions.MaxThreads}). Defaults to ${ThreadsVariable}, else {WebServerOptions.DefaultThreads}.",
    };

    private readonly Option<int?> _workers = new("--workers", "-w")
    {
        Description = $"Server processes sharing the port via SO_REUSEPORT, under a supervisor when > 1 (1-{WebServerOptions.MaxWorkers}). Defaults to ${WorkersVariable}, else 1.",
    };

    private readonly Option<string?> _urls = new("--urls")
    {
        Description = $"The one URL to listen on, http://HOST:PORT (port 0 = any free port). Defaults to ${UrlsVariable}, else {WebServerOptions.DefaultUrl}.",
    };

    private readonly Option<string?> _dataDir = new("--data-dir")
    {
        Description = $"Folder of the candle data files, generated there at start-up when missing. Defaults to ${DataDirVariable}, else {CandleDataSet.DefaultDirectory} (under the working directory).",
    };

    // Set by the supervisor on the workers it starts; not for people.
    private readonly Option<int?> _workerIndex = new(WorkerIndexFlag) { Hidden = true };

    private WebCommand()
        : base(CommandName, "HTTP target server: /, /index, /sleep, /cpu, /mvc/index, /parquet/local, /parquet/cached, /candle/..., /healthz, /stats, in a worker mode.")
    {
        // The mode is checked in ResolveOptions, not by AcceptOnlyFromAmong, whose error spans
        // several lines; the same one-line message then covers TESTBED_MODE too.
        Options.Add(_mode);
        Options.Add(_threads);
        Options.Add(_workers);
        Options.Add(_urls);
        Options.Add(_dataDir);
        Options.Add(_workerIndex);
        SetAction(parseResult =>
        {
            var options = ResolveOptions(parseResult, Environment.GetEnvironmentVariable);
            if (!TryPrepareData(options))
            {
                return 1;
            }

            return options.Workers > 1 && options.WorkerIndex is null
                ? new WebSupervisor(options).Run()
                : new WebServer(options).Run();
        });
    }

    public static WebCommand Create() => new();

    /// <summary>Flags first, then the environment, then defaults; throws <see cref="UsageException"/> on a bad value.</summary>
    public WebServerOptions ResolveOptions(ParseResult parseResult, Func<string, string?> environment)
    {
        var url = parseResult.GetValue(_urls) ?? environment(UrlsVariable) ?? WebServerOptions.DefaultUrl;
        if (!ListenAddress.TryParse(url, out var endpoint, out var urlError))
        {
            throw new UsageException(urlError);
        }

        var options = new WebServerOptions
        {
            Mode = parseResult.GetValue(_mode) ?? NonEmpty(environment(ModeVariable)) ?? WorkerModes.Threaded,
            Threads = parseResult.GetValue(_threads) ?? IntFromEnvironment(environment, ThreadsVariable) ?? WebServerOptions.DefaultThreads,
            Workers = parseResult.GetValue(_workers) ?? IntFromEnvironment(environment, WorkersVariable) ?? 1,
            Endpoint = endpoint,
            DataDirectory = parseResult.GetValue(_dataDir) ?? NonEmpty(environment(DataDirVariable)) ?? CandleDataSet.DefaultDirectory,
            WorkerIndex = parseResult.GetValue(_workerIndex),
        };
        return options.Validate() is { } problem ? throw new UsageException(problem) : options;
    }

    /// <summary>The data files of /parquet/* and /candle, before the ready line; a failure (unwritable folder, full disk, corrupt file) is one line on stderr.</summary>
    private static bool TryPrepareData(WebServerOptions options)
    {
        try
        {
            var (_, extract) = CandleStore.EnsureFiles(options.DataDirectory);

            // The host decodes the extract as it starts (/parquet/cached): a damaged one is reported here, in one line.
            _ = CandleTable.Load(extract);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ParquetFileException)
        {
            Console.Error.WriteLine($"testbed-server: cannot prepare the data set in {Path.GetFullPath(options.DataDirectory)}: {e.Message}");
            return false;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? IntFromEnvironment(Func<string, string?> environment, string name) =>
        NonEmpty(environment(name)) switch
        {
            null => null,
            var text when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
            var text => throw new UsageException($"{name} must be an integer, got '{text}'"),
        };
}
