using System.Text.Json;
using Testbed.Suite.Experiments;
using Testbed.Suite.Results;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// "Ready means ready" for a balancer: its ready line only says it listens. Before anything is
/// verified or measured, each testbed-proxy role must report every backend healthy in
/// <c>GET /proxy/stats</c> (a probe answered), else the first request may meet
/// <c>503 no healthy backend</c> while CPU-limited backends have not yet passed a probe. Bounded by
/// the role's ready timeout; past it the experiment fails with the last stats seen.
/// </summary>
internal sealed class BalancerReadiness(HttpClient http, SuiteProgress progress, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<ReadinessOutcome> WaitAsync(ExperimentFile file, IReadOnlyDictionary<string, RoleAddress> addresses, CancellationToken ct)
    {
        foreach (var role in file.Roles.Where(r => r.Exe == RoleExecutables.Proxy && addresses.ContainsKey(r.Name)))
        {
            var started = time.GetTimestamp();
            var bound = TimeSpan.FromSeconds(role.ReadyTimeoutSeconds);
            var url = $"http://{addresses[role.Name].Host}:{addresses[role.Name].Port}/proxy/stats";
            string last;
            while (true)
            {
                (var ready, last) = await PollAsync(url, ct);
                if (ready)
                {
                    progress.Info($"{role.Name}: every backend healthy after {time.GetElapsedTime(started).TotalSeconds:0.0} s");
                    break;
                }

                if (time.GetElapsedTime(started) >= bound)
                {
                    return new ReadinessOutcome($"{role.Name}: not every backend healthy after {bound.TotalSeconds:0} s (GET /proxy/stats: {last})");
                }

                await Task.Delay(PollInterval, time, ct);
            }
        }

        return ReadinessOutcome.Ready;
    }

    /// <summary>True when the stats list at least one backend and every one is "healthy" (not "unknown", not "unhealthy").</summary>
    internal static bool EveryBackendHealthy(string statsJson)
    {
        using var document = JsonDocument.Parse(statsJson);
        if (!document.RootElement.TryGetProperty("destinations", out var destinations) || destinations.ValueKind != JsonValueKind.Array || destinations.GetArrayLength() == 0)
        {
            return false;
        }

        return destinations.EnumerateArray().All(d => d.TryGetProperty("health", out var health) && health.GetString() == "healthy");
    }

    private async Task<(bool Ready, string Last)> PollAsync(string url, CancellationToken ct)
    {
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await http.GetAsync(url, attempt.Token);
            var body = await response.Content.ReadAsStringAsync(attempt.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (false, $"{(int)response.StatusCode} {body}");
            }

            return (EveryBackendHealthy(body), body);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (false, e.Message);
        }
    }
}
