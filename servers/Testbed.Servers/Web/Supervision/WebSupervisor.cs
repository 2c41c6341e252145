using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Testbed.Servers.Commands;
using Testbed.Servers.Web.Execution;
using Testbed.Servers.Web.Hosting;

namespace Testbed.Servers.Web.Supervision;

/// <summary>
/// <c>--workers N</c> with N &gt; 1: the parent process, like gunicorn's master. It binds the port
/// first (SO_REUSEPORT, never listening, so the kernel gives it no connections) to resolve port 0
/// and to hold the port between restarts; starts N workers that bind the same port; prints the
/// ready line once all listen; restarts a worker that dies; and on SIGTERM or SIGINT asks every
/// worker to stop, killing those that do not within the grace period.
/// </summary>
internal sealed class WebSupervisor(WebServerOptions options)
{
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan StopGrace = WebServer.ShutdownTimeout + TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MinRestartDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(5);

    private readonly object _gate = new();
    private readonly WorkerProcess?[] _workers = new WorkerProcess?[options.Workers];

    public int Run() => RunAsync().GetAwaiter().GetResult();

    private async Task<int> RunAsync()
    {
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        IPEndPoint endpoint;
        using var reservation = TryReserve(out endpoint);
        if (reservation is null)
        {
            return 1;
        }

        // The workers' shared /stats counters (see StatsBlock); removed when the supervisor exits.
        var statsPath = StatsBlock.SharedPath(Environment.ProcessId);
        StatsBlock.CreateShared(statsPath, options.Workers);
        try
        {
            return await SuperviseAllAsync(endpoint, stop);
        }
        finally
        {
            File.Delete(statsPath);
        }
    }

    private async Task<int> SuperviseAllAsync(IPEndPoint endpoint, CancellationTokenSource stop)
    {
        var url = ListenAddress.Format(endpoint);
        var workerArguments = Enumerable.Range(0, options.Workers).Select(i => Arguments(url, i)).ToArray();
        for (var i = 0; i < options.Workers; i++)
        {
            _workers[i] = WorkerProcess.Start(i, workerArguments[i]);
        }

        try
        {
            await Task.WhenAll(_workers.Select(w => w!.Listening)).WaitAsync(StartupTimeout, stop.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            if (!stop.IsCancellationRequested)
            {
                Console.Error.WriteLine($"testbed-server: {(e is TimeoutException ? "workers did not start listening in time" : e.Message)}");
            }

            await StopAllAsync();
            return stop.IsCancellationRequested ? 0 : 1;
        }

        Console.Out.WriteLine(ReadyLine.Format(url, options.Mode, options.Workers));

        var supervisors = Enumerable.Range(0, options.Workers)
            .Select(i => SuperviseAsync(i, workerArguments[i], stop.Token))
            .ToArray();
        await Task.WhenAll(supervisors);
        await StopAllAsync();
        return 0;
    }

    /// <summary>Restarts worker <paramref name="index"/> whenever it exits, until stopped.</summary>
    private async Task SuperviseAsync(int index, IReadOnlyList<string> arguments, CancellationToken stop)
    {
        var delay = MinRestartDelay;
        while (true)
        {
            var worker = _workers[index]!;
            int code;
            try
            {
                code = await worker.Exited.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // A worker that dies right after starting is crash-looping: back off.
            var lived = Stopwatch.GetElapsedTime(worker.StartedAt);
            delay = lived < TimeSpan.FromSeconds(2) ? TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRestartDelay.Ticks)) : MinRestartDelay;
            Console.Error.WriteLine($"testbed-server: worker {index} (pid {worker.Pid}) exited with code {code}; restarting in {delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
            try
            {
                // Also lets a terminal's SIGINT, which reaches the workers too, be seen before restarting.
                await Task.Delay(delay, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_gate)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }

                worker.Dispose();
                _workers[index] = WorkerProcess.Start(index, arguments);
            }
        }
    }

    private async Task StopAllAsync()
    {
        WorkerProcess[] workers;
        lock (_gate)
        {
            workers = _workers.OfType<WorkerProcess>().ToArray();
        }

        foreach (var worker in workers)
        {
            worker.Terminate();
        }

        try
        {
            await Task.WhenAll(workers.Select(w => w.Exited)).WaitAsync(StopGrace);
        }
        catch (TimeoutException)
        {
            foreach (var worker in workers.Where(w => !w.Exited.IsCompleted))
            {
                Console.Error.WriteLine($"testbed-server: worker {worker.Index} (pid {worker.Pid}) did not stop in time; killing it");
                worker.Kill();
            }
        }

        foreach (var worker in workers)
        {
            worker.Dispose();
        }
    }

    private System.Net.Sockets.Socket? TryReserve(out IPEndPoint endpoint)
    {
        endpoint = options.Endpoint;
        try
        {
            var socket = ReusePortSocket.CreateBound(options.Endpoint);
            endpoint = (IPEndPoint)socket.LocalEndPoint!;
            return socket;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            Console.Error.WriteLine($"testbed-server: cannot bind {ListenAddress.Format(options.Endpoint)}: {e.Message}");
            return null;
        }
    }

    private string[] Arguments(string url, int index) =>
    [
        WebCommand.CommandName,
        "--mode", options.Mode,
        "--threads", options.Threads.ToString(CultureInfo.InvariantCulture),
        "--workers", options.Workers.ToString(CultureInfo.InvariantCulture),
        "--urls", url,
        "--data-dir", Path.GetFullPath(options.DataDirectory),
        WebCommand.WorkerIndexFlag, index.ToString(CultureInfo.InvariantCulture),
    ];
}
