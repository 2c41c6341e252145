using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Testbed.Servers.Tcp;

/// <summary>
/// The counters at one moment: the stats line and the --stats-file JSON (camelCase). In prefork mode the
/// parent's snapshot is the sum of its workers' (peakOpen is then the sum of their peaks, an upper bound).
/// <see cref="BusyMs"/>: the integral of open connections over time, in connection-milliseconds since
/// start (Δ ÷ Δtime between two readings is the mean open; in prefork mode the sum of the workers' as
/// of their last stats file). Process mode only: <see cref="ChildSpawnMs"/> is the parent's time in the
/// spawn calls, <see cref="ChildLifetimeMs"/> the children's lives from spawn to reaping, summed; a
/// child's start-up is its life less the echo it serves (a few client round trips).
/// </summary>
internal sealed record TcpStatsSnapshot(
    string Mode,
    int Pid,
    double UptimeSeconds,
    long Accepted,
    long Answered,
    long OpenNow,
    long PeakOpen,
    long ProcessesStarted,
    IReadOnlyDictionary<string, long> Errors,
    double BusyMs = 0,
    double ChildSpawnMs = 0,
    double ChildLifetimeMs = 0)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToLine(bool final = false)
    {
        var line = new StringBuilder(final ? "testbed-server tcp final stats" : "testbed-server tcp stats")
            .Append($" mode={Mode} accepted={Accepted} answered={Answered} open={OpenNow} peak_open={PeakOpen}")
            .Append($" processes_started={ProcessesStarted} errors=");
        line.Append(Errors.Count == 0 ? "none" : string.Join(",", Errors.OrderBy(e => e.Key).Select(e => $"{e.Key}:{e.Value}")));
        return line.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TcpStatsSnapshot? FromJson(string json) => JsonSerializer.Deserialize<TcpStatsSnapshot>(json, Json);
}
