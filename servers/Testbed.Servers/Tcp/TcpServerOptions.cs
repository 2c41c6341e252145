using System.Net;
using Testbed.Common;

namespace Testbed.Servers.Tcp;

/// <summary>Configuration of <c>testbed-server tcp</c>. Validated once at start-up by <see cref="Validate"/>.</summary>
internal sealed record TcpServerOptions
{
    /// <summary>Largest request read and echoed (<see cref="EchoProtocol.MaxRequestBytes"/>).</summary>
    public const int MaxRequestBytes = EchoProtocol.MaxRequestBytes;

    /// <summary>Server model, one of <see cref="TcpModes.All"/>. Defaults to <see cref="TcpModes.Single"/>.</summary>
    public string Mode { get; init; } = TcpModes.Single;

    /// <summary>Address to listen on. Defaults to 127.0.0.1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one (the ready line shows it). Defaults to 8890, the source's port.</summary>
    public int Port { get; init; } = 8890;

    /// <summary>Length of the accept queue (the kernel caps it at net.core.somaxconn). Defaults to 1024.</summary>
    public int Backlog { get; init; } = 1024;

    /// <summary>
    /// Connections served at once; beyond it new connections wait in the backlog. Defaults to 1000, or to
    /// <see cref="ProcessPerConnectionServer.DefaultMaxChildren"/> (2 per core) in process mode, where each
    /// connection is a whole .NET runtime start.
    /// </summary>
    public int? MaxConnections { get; init; }

    /// <summary>
    /// Process mode: the program started per connection, one of <see cref="ProcessChildren.All"/>, or null
    /// for the default: <see cref="ProcessChildren.Aot"/> when the Native AOT child is found, else
    /// <see cref="ProcessChildren.Runtime"/> (see <see cref="ProcessChild.Resolve"/>).
    /// </summary>
    public string? Child { get; init; }

    /// <summary>Process mode: path of the Native AOT child. Defaults to $TESTBED_ECHO_CHILD, else testbed-echo-child beside testbed-server.</summary>
    public string? ChildExe { get; init; }

    /// <summary>A client that sends nothing for this long is closed. Defaults to 10 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the counters are printed and written; zero prints them only on exit. Defaults to 10 s.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>File the counters are written to as JSON, atomically, at every interval and on exit. Defaults to none.</summary>
    public string? StatsFile { get; init; }

    /// <summary>
    /// A second port on the same host answering HTTP GET with the counters and the server's CPU,
    /// descriptors and cgroup throttling (see <see cref="TcpStatsEndpoint"/>). Defaults to none.
    /// </summary>
    public int? StatsPort { get; init; }

    /// <summary>Worker processes in prefork mode. Defaults to the number of cores.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Internal: this process is one prefork worker (binds with SO_REUSEPORT, prints no ready line).</summary>
    public bool PreforkWorker { get; init; }

    /// <summary>Internal: pid of the prefork parent; a worker whose parent is gone stops.</summary>
    public int? ParentPid { get; init; }

    public int EffectiveMaxConnections =>
        MaxConnections ?? (Mode == TcpModes.Process ? ProcessPerConnectionServer.DefaultMaxChildren : 1000);

    public IPAddress Address => IPAddress.Parse(Host);

    /// <summary>Throws <see cref="UsageException"/> (exit code 2) for the first invalid value.</summary>
    public void Validate()
    {
        CommandLineApp.RequireOneOf("--mode", Mode, TcpModes.All);
        if (!IPAddress.TryParse(Host, out _))
            throw new UsageException($"--host must be an IP address, not '{Host}'");
        if (Port is < 0 or > 65535)
            throw new UsageException($"--port must be 0..65535, not {Port}");
        if (Backlog < 1)
            throw new UsageException($"--backlog must be at least 1, not {Backlog}");
        if (MaxConnections is < 1)
            throw new UsageException($"--max-connections must be at least 1, not {MaxConnections}");
        if (Child is not null) CommandLineApp.RequireOneOf("--child", Child, ProcessChildren.All);
        if ((Child is not null || ChildExe is not null) && Mode != TcpModes.Process)
            throw new UsageException($"--child and --child-exe apply to --mode {TcpModes.Process} only, not to '{Mode}'");
        if (Child == ProcessChildren.Runtime && ChildExe is not null)
            throw new UsageException($"--child-exe names the {ProcessChildren.Aot} child; it cannot go with --child {ProcessChildren.Runtime}");
        if (IdleTimeout <= TimeSpan.Zero || IdleTimeout > TimeSpan.FromHours(1))
            throw new UsageException($"--idle-timeout must be between 0 and 3600 seconds (exclusive of 0), not {IdleTimeout.TotalSeconds}");
        if (StatsPort is < 1 or > 65535)
            throw new UsageException($"--stats-port must be 1..65535, not {StatsPort}");
        if (StatsInterval < TimeSpan.Zero)
            throw new UsageException($"--stats-interval must not be negative, not {StatsInterval.TotalSeconds}");
        if (Workers is < 1 or > 256)
            throw new UsageException($"--workers must be 1..256, not {Workers}");
    }
}
