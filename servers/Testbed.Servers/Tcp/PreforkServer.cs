using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Testbed.Servers.Tcp;

/// <summary>
/// <see cref="TcpModes.Prefork"/>: --workers long-lived processes of this same executable, each binding
/// the same address with SO_REUSEPORT (the kernel spreads new connections over them) and answering one
/// connection at a time, as Apache's prefork workers do. The parent binds the port first (to learn it
/// when --port is 0), keeps it until every worker listens, then only supervises: it restarts a worker
/// that dies, sums the workers' counters (each writes a stats file in a private directory) and stops
/// them on exit.
/// </summary>
internal sealed class PreforkServer(TcpServerOptions options, TcpStats stats, ThrottledLog log) : ITcpServerModel, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _statsDirectory = Directory.CreateTempSubdirectory("testbed-tcp-prefork-");
    private readonly ProcessLauncher _launcher = ProcessLauncher.Self();
    private readonly ChildReaper _reaper = new();
    private int _workerNumber;
    private int _port;
    private volatile bool _stopping;

    public Task RunAsync(Socket listener, Action ready, CancellationToken stopping) =>
        Task.Factory.StartNew(() => Run(listener, ready, stopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The parent's own counters (processes started, worker failures) plus the sum of the workers'.</summary>
    public TcpStatsSnapshot Snapshot()
    {
        var own = stats.Snapshot();
        var workers = _statsDirectory.Exists
            ? _statsDirectory.GetFiles("worker-*.json").Select(Read).OfType<TcpStatsSnapshot>().ToList()
            : [];
        var errors = new SortedDictionary<string, long>(own.Errors.ToDictionary(), StringComparer.Ordinal);
        foreach (var (kind, count) in workers.SelectMany(w => w.Errors))
            errors[kind] = errors.GetValueOrDefault(kind) + count;
        return own with
        {
            Accepted = workers.Sum(w => w.Accepted),
            Answered = workers.Sum(w => w.Answered),
            OpenNow = workers.Sum(w => w.OpenNow),
            PeakOpen = workers.Sum(w => w.PeakOpen),
            Errors = errors,
            BusyMs = Math.Round(workers.Sum(w => w.BusyMs), 3),
        };
    }

    public void Dispose()
    {
        _reaper.Dispose();
        _launcher.Dispose();
        try
        {
            _statsDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind is harmless.
        }
    }

    private void Run(Socket listener, Action ready, CancellationToken stopping)
    {
        _port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        for (int i = 0; i < options.Workers; i++)
            StartWorker();

        var deadline = Environment.TickCount64 + (long)StartTimeout.TotalMilliseconds;
        while (_statsDirectory.GetFiles("worker-*.json").Length < options.Workers)
        {
            if (stopping.IsCancellationRequested || Environment.TickCount64 > deadline)
            {
                _stopping = true;
                _reaper.StopAll(TimeSpan.FromSeconds(1));
                if (stopping.IsCancellationRequested)
                    return;
                throw new InvalidOperationException($"the prefork workers did not all listen within {StartTimeout.TotalSeconds} s");
            }

            Thread.Sleep(10);
        }

        // The workers hold the port now; the placeholder must go, or the kernel would queue connections on it too.
        listener.Dispose();
        ready();
        stopping.WaitHandle.WaitOne();
        _stopping = true;
        _reaper.StopAll(TimeSpan.FromSeconds(1));
    }

    private void StartWorker()
    {
        if (_stopping)
            return;
        int number = Interlocked.Increment(ref _workerNumber);
        string[] arguments =
        [
            "tcp", "--prefork-worker", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--mode", TcpModes.Prefork, "--host", options.Host, "--port", _port.ToString(CultureInfo.InvariantCulture),
            "--backlog", options.Backlog.ToString(CultureInfo.InvariantCulture),
            "--idle-timeout", options.IdleTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            "--stats-interval", "1",
            "--stats-file", Path.Combine(_statsDirectory.FullName, $"worker-{number}.json"),
        ];
        int error = _launcher.Spawn(arguments, stdinFd: null, out int pid);
        if (error != 0)
        {
            stats.Error(TcpErrorKinds.SpawnFailed);
            log.Write(TcpErrorKinds.SpawnFailed, $"cannot start a worker ({Marshal.GetPInvokeErrorMessage(error)}); retrying in 1 s");
            _ = Task.Delay(TimeSpan.FromSeconds(1)).ContinueWith(_ => StartWorker(), TaskScheduler.Default);
            return;
        }

        stats.ProcessStarted();
        _reaper.Track(pid, status =>
        {
            if (_stopping)
                return;
            stats.Error(TcpErrorKinds.WorkerFailed);
            log.Write(TcpErrorKinds.WorkerFailed, $"worker {pid} ended ({LibC.Describe(status)}); starting another");
            _ = Task.Delay(BlockingAccept.BackOff).ContinueWith(_ => StartWorker(), TaskScheduler.Default);
        });
    }

    private static TcpStatsSnapshot? Read(FileInfo file)
    {
        try
        {
            return TcpStatsSnapshot.FromJson(File.ReadAllText(file.FullName));
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
