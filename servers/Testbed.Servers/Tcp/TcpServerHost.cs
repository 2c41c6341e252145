using System.Net;
using System.Net.Sockets;

namespace Testbed.Servers.Tcp;

/// <summary>
/// Runs one server: binds, starts the model of the chosen mode, prints the ready line, reports the
/// counters every --stats-interval, and on stop (SIGTERM, SIGINT) stops the model and reports once more.
/// </summary>
internal static class TcpServerHost
{
    public static async Task<int> RunAsync(TcpServerOptions options, CancellationToken stopping)
    {
        var stats = new TcpStats(options.Mode);
        var log = new ThrottledLog(TimeProvider.System);
        Prepare(stats);
        options = CapByDescriptors(options);
        ProcessChild? child = null;
        if (options.Mode == TcpModes.Process)
        {
            child = ProcessChild.Resolve(options.Child, options.ChildExe, out var note);
            if (note is not null)
                Console.Error.WriteLine($"testbed-server tcp: {note}");
        }

        Socket listener;
        Socket? statsListener = null;
        try
        {
            listener = Listen(options);
            if (options.StatsPort is { } statsPort && !options.PreforkWorker)
                statsListener = TcpStatsEndpoint.Listen(options.Address, statsPort);
        }
        catch (SocketException e)
        {
            Console.Error.WriteLine($"testbed-server tcp: cannot listen on {options.Host}:{options.Port}: {e.Message}");
            return 1;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var orphanWatch = WatchParent(options, stop);
        var model = Create(options, child, stats, log);
        var reporter = new TcpStatsReporter(
            model is PreforkServer prefork ? prefork.Snapshot : stats.Snapshot, options.StatsFile, print: !options.PreforkWorker, log);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;

        void Ready()
        {
            if (options.PreforkWorker)
            {
                // The stats file doubles as the worker's "listening" signal to its parent; no ready
                // line, or a script waiting for one would take a worker's for the server's.
                reporter.WriteFile();
                Console.WriteLine($"testbed-server tcp worker {Environment.ProcessId} listening on {endpoint.Address}:{endpoint.Port}");
            }
            else
            {
                var childKind = child is null ? "" : $" child={child.Kind}";
                Console.WriteLine($"testbed-server tcp ready on {endpoint.Address}:{endpoint.Port} mode={options.Mode}{childKind}");
            }
        }

        int exitCode = 0;
        var statsServed = statsListener is null
            ? Task.CompletedTask
            : new TcpStatsEndpoint(model is PreforkServer preforkModel ? preforkModel.Snapshot : stats.Snapshot, log).ServeAsync(statsListener, stop.Token);
        try
        {
            var run = model.RunAsync(listener, Ready, stop.Token);
            if (options.StatsInterval > TimeSpan.Zero)
            {
                using var timer = new PeriodicTimer(options.StatsInterval);
                while (!run.IsCompleted)
                {
                    var tick = timer.WaitForNextTickAsync().AsTask();
                    if (await Task.WhenAny(run, tick) == tick && !run.IsCompleted)
                        reporter.Report();
                }
            }

            await run;
        }
        catch (Exception e) when (e is InvalidOperationException or SocketException or IOException)
        {
            Console.Error.WriteLine($"testbed-server tcp: {e.Message}");
            exitCode = 1;
        }
        finally
        {
            listener.Dispose();
            statsListener?.Dispose();
            await statsServed;
        }

        reporter.Report(final: true);
        (model as IDisposable)?.Dispose();
        return exitCode;
    }

    /// <summary>
    /// Opens now what the runtime would open lazily: stderr (Console.Error dups descriptor 2 on first
    /// use) and the assemblies behind the stats JSON and error messages. Opened later, at the moment the
    /// process runs out of descriptors, they would fail and take the server down instead of logging.
    /// </summary>
    private static void Prepare(TcpStats stats)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        _ = stats.Snapshot().ToJson();
        _ = System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(LibC.EMFILE);
        _ = new SocketException((int)SocketError.TooManyOpenSockets).Message;
    }

    /// <summary>Descriptors kept free for the runtime, which aborts the process when it cannot create a thread.</summary>
    private const int DescriptorReserve = 32;

    /// <summary>
    /// Lowers --max-connections so the connections can never take the last descriptors. EMFILE is still
    /// handled (logged, backed off) if it comes anyway, but at EMFILE the runtime cannot start a thread
    /// (the thread pool's or ours) and .NET then ends the process with "Out of memory": headroom is the
    /// only real protection.
    /// </summary>
    private static TcpServerOptions CapByDescriptors(TcpServerOptions options)
    {
        if (LibC.OpenFileLimit() is not ulong limit || limit > int.MaxValue)
            return options;
        int open = Directory.GetFiles("/proc/self/fd").Length;
        int available = Math.Max(1, (int)limit - open - DescriptorReserve);
        if (options.EffectiveMaxConnections <= available)
            return options;
        Console.Error.WriteLine(
            $"testbed-server tcp: --max-connections lowered from {options.EffectiveMaxConnections} to {available}: ulimit -n is {limit}, {open} descriptors are open and {DescriptorReserve} are kept free");
        return options with { MaxConnections = available };
    }

    private static Socket Listen(TcpServerOptions options)
    {
        var address = options.Address;
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (options.Mode == TcpModes.Prefork)
                listener.SetRawSocketOption(LibC.SOL_SOCKET, LibC.SO_REUSEPORT, BitConverter.GetBytes(1));
            listener.Bind(new IPEndPoint(address, options.Port));
            listener.Listen(options.Backlog);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private static ITcpServerModel Create(TcpServerOptions options, ProcessChild? child, TcpStats stats, ThrottledLog log) => options.Mode switch
    {
        _ when options.PreforkWorker => new SingleLoopServer(options, stats, log),
        TcpModes.Single => new SingleLoopServer(options, stats, log),
        TcpModes.Thread => new ThreadPerConnectionServer(options, stats, log),
        TcpModes.Async => new AsyncServer(options, stats, log),
        TcpModes.Process => new ProcessPerConnectionServer(options, child!, stats, log),
        TcpModes.Prefork => new PreforkServer(options, stats, log),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "unknown mode"),
    };

    /// <summary>A prefork worker stops when its parent is gone (killed without a chance to stop it).</summary>
    private static Timer? WatchParent(TcpServerOptions options, CancellationTokenSource stop)
    {
        if (options.ParentPid is not int parent)
            return null;
        return new Timer(_ =>
        {
            if (LibC.getppid() != parent)
                stop.Cancel();
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }
}
