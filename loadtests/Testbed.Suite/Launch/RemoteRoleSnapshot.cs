using System.Net.Sockets;
using System.Text.Json;

namespace Testbed.Suite.Launch;

/// <summary>
/// The <see cref="RoleSnapshot"/> of a role the suite did not start (a Compose service; the same
/// stats serve Swarm tasks and Kubernetes pods): each testbed server measures itself and reports
/// its CPU time, open descriptors and cgroup throttling under "process" in its stats (common/
/// ProcessFigures.cs). A web server answers at /stats (under --workers, any worker answers for the
/// supervisor and all workers), the balancer at /proxy/stats, a TCP server on its --stats-port,
/// which the compose files put at its echo port + <see cref="TcpStatsPortOffset"/>. A role whose
/// stats refuse the connection or whose name no longer resolves has exited (its container was
/// killed or stopped): it is reported as such, as a local role that exited. A reading that times
/// out (a saturated 0.05-core backend) is "not measured" (NaN), not an exit.
/// </summary>
internal sealed class RemoteRoleSnapshot : IDisposable
{
    /// <summary>A TCP role's stats port is its echo port plus this (18301 → 18401).</summary>
    public const int TcpStatsPortOffset = 100;

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);
    private readonly HttpClient _http = new() { Timeout = ReadTimeout };
    private readonly Dictionary<string, Uri> _stats = [];
    private readonly Dictionary<string, (DateTimeOffset At, string How)> _exits = [];
    private readonly TimeProvider _time;

    public RemoteRoleSnapshot(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Each role that has exited, when it was first seen gone and why.</summary>
    public IEnumerable<(string Role, DateTimeOffset? At, string? How)> Exits => _exits.Select(e => (e.Key, (DateTimeOffset?)e.Value.At, (string?)e.Value.How));

    /// <summary>Where the stats of a role of this program and kind listening at host:port are read.</summary>
    public static Uri StatsUrl(string exe, string kind, string host, int port) =>
        kind == Experiments.RoleKinds.Tcp ? new Uri($"http://{host}:{port + TcpStatsPortOffset}/")
        : exe == Experiments.RoleExecutables.Proxy ? new Uri($"http://{host}:{port}/proxy/stats")
        : new Uri($"http://{host}:{port}/stats");

    public void Add(string role, Uri stats) => _stats[role] = stats;

    public bool Knows(string role) => _stats.ContainsKey(role);

    public RoleSnapshot Snapshot(string role)
    {
        var url = _stats[role];
        try
        {
            var json = _http.GetStringAsync(url).GetAwaiter().GetResult();
            return Parse(json) ?? new RoleSnapshot(double.NaN, double.NaN, double.NaN, true, "stats");
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData })
        {
            _exits.TryAdd(role, (_time.GetUtcNow(), $"its stats at {url} unreachable: {e.InnerException.Message}"));
            return new RoleSnapshot(double.NaN, double.NaN, double.NaN, false, "stats");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new RoleSnapshot(double.NaN, double.NaN, double.NaN, true, "stats");
        }
    }

    /// <summary>The "process" figures of a stats answer, or null when it has none (a server too old to report them).</summary>
    public static RoleSnapshot? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("process", out var process) || process.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new RoleSnapshot(Number(process, "cpuMs"), Number(process, "throttledMs"), Number(process, "fds"), true, "stats");
    }

    public void Dispose() => _http.Dispose();

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
}
