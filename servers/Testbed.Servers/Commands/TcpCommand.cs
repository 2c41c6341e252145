using System.CommandLine;
using Testbed.Servers.Tcp;

namespace Testbed.Servers.Commands;

/// <summary>
/// <c>testbed-server tcp</c>: the raw TCP echo servers of experiment E8. Also the hidden entry points of
/// its own child processes: <c>--serve-fd</c> (one connection of process mode) and <c>--prefork-worker</c>.
/// </summary>
internal static class TcpCommand
{
    public static Command Create()
    {
        var defaults = new TcpServerOptions();
        var mode = new Option<string>("--mode", "-m")
        {
            Description = $"Server model: {string.Join(", ", TcpModes.All)}. Defaults to {defaults.Mode}.",
            DefaultValueFactory = _ => defaults.Mode,
        };
        var host = new Option<string>("--host")
        {
            Description = $"Address to listen on. Defaults to {defaults.Host}.",
            DefaultValueFactory = _ => defaults.Host,
        };
        var port = new Option<int>("--port", "-p")
        {
            Description = $"Port to listen on; 0 picks a free one, shown in the ready line. Defaults to {defaults.Port}.",
            DefaultValueFactory = _ => defaults.Port,
        };
        var backlog = new Option<int>("--backlog")
        {
            Description = $"Accept queue length (capped by net.core.somaxconn). Defaults to {defaults.Backlog}.",
            DefaultValueFactory = _ => defaults.Backlog,
        };
        var maxConnections = new Option<int?>("--max-connections")
        {
            Description = "Connections served at once; more wait in the backlog. Defaults to 1000 (2 per core in process mode).",
        };
        var idleTimeout = new Option<double>("--idle-timeout")
        {
            Description = $"Seconds a client may stay silent before it is closed. Defaults to {defaults.IdleTimeout.TotalSeconds}.",
            DefaultValueFactory = _ => defaults.IdleTimeout.TotalSeconds,
        };
        var statsInterval = new Option<double>("--stats-interval")
        {
            Description = $"Seconds between stats lines; 0 prints them only on exit. Defaults to {defaults.StatsInterval.TotalSeconds}.",
            DefaultValueFactory = _ => defaults.StatsInterval.TotalSeconds,
        };
        var statsFile = new Option<string?>("--stats-file")
        {
            Description = "Write the counters as JSON to this file at every interval and on exit. Defaults to none.",
        };
        var statsPort = new Option<int?>("--stats-port")
        {
            Description = "Also answer HTTP GET on this port with the counters and the server's CPU, descriptors and cgroup throttling as JSON. Defaults to none.",
        };
        var workers = new Option<int>("--workers", "-w")
        {
            Description = $"Worker processes in prefork mode. Defaults to the number of cores ({defaults.Workers}).",
            DefaultValueFactory = _ => defaults.Workers,
        };
        var child = new Option<string?>("--child")
        {
            Description = $"Process mode: the program started per connection: {ProcessChildren.Aot} (the Native AOT testbed-echo-child) or {ProcessChildren.Runtime} (this testbed-server, a .NET runtime start each). Defaults to {ProcessChildren.Aot} when its binary is found, else {ProcessChildren.Runtime}.",
        };
        var childExe = new Option<string?>("--child-exe")
        {
            Description = $"Process mode: path of the Native AOT child. Defaults to ${ProcessChildren.AotExecutableVariable}, else {ProcessChildren.AotExecutableName} beside testbed-server.",
        };
        var serveFd = new Option<int?>("--serve-fd")
        {
            Description = "Internal (process mode): serve the one connection on this descriptor and exit with its outcome.",
            Hidden = true,
        };
        var preforkWorker = new Option<bool>("--prefork-worker")
        {
            Description = "Internal (prefork mode): run as one worker of a prefork parent.",
            Hidden = true,
        };
        var parentPid = new Option<int?>("--parent-pid")
        {
            Description = "Internal (prefork mode): the parent's pid; the worker stops when it is gone.",
            Hidden = true,
        };

        var command = new Command("tcp", "Raw TCP echo servers (experiment E8): single, process, prefork, thread, async");
        foreach (var option in new Option[] { mode, host, port, backlog, maxConnections, idleTimeout, statsInterval, statsFile, statsPort, workers, child, childExe, serveFd, preforkWorker, parentPid })
            command.Options.Add(option);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new TcpServerOptions
            {
                Mode = parseResult.GetValue(mode)!,
                Host = parseResult.GetValue(host)!,
                Port = parseResult.GetValue(port),
                Backlog = parseResult.GetValue(backlog),
                MaxConnections = parseResult.GetValue(maxConnections),
                IdleTimeout = Seconds(parseResult.GetValue(idleTimeout), "--idle-timeout"),
                StatsInterval = Seconds(parseResult.GetValue(statsInterval), "--stats-interval"),
                StatsFile = parseResult.GetValue(statsFile),
                StatsPort = parseResult.GetValue(statsPort),
                Workers = parseResult.GetValue(workers),
                Child = parseResult.GetValue(child),
                ChildExe = parseResult.GetValue(childExe),
                PreforkWorker = parseResult.GetValue(preforkWorker),
                ParentPid = parseResult.GetValue(parentPid),
            };
            options.Validate();

            using var signals = new StopSignals(cancellationToken);
            if (parseResult.GetValue(serveFd) is int fd)
                return InheritedConnection.Serve(fd, options.IdleTimeout, signals.Token);
            return await TcpServerHost.RunAsync(options, signals.Token);
        });
        return command;
    }

    private static TimeSpan Seconds(double value, string name) =>
        double.IsFinite(value) && value is >= 0 and <= 86400
            ? TimeSpan.FromSeconds(value)
            : throw new Testbed.Common.UsageException($"{name} must be a number of seconds between 0 and 86400, not {value}");
}
